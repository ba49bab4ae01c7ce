export default definePageConfig({ navigationBarTitleText: '处置工作台' });
