export default definePageConfig({ navigationBarTitleText: '案件处置' });
