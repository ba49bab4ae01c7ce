export default definePageConfig({
  navigationBarTitleText: '驿站维护',
});
