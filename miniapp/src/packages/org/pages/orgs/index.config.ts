export default definePageConfig({ navigationBarTitleText: '我的组织' });
