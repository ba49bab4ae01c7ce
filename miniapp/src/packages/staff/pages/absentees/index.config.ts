export default definePageConfig({ navigationBarTitleText: '本季度未参加组织生活' });
