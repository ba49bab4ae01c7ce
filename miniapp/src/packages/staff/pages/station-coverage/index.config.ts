export default definePageConfig({
  navigationBarTitleText: '驿站覆盖',
});
