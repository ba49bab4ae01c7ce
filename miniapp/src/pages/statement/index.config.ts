export default definePageConfig({
  navigationBarTitleText: '积分与志愿服务时长证明',
});
