export default definePageConfig({
  navigationBarTitleText: '区域浏览',
});
