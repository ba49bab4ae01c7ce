export default definePageConfig({
  navigationBarTitleText: '新市民积分',
});
