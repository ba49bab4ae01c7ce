export default definePageConfig({ navigationBarTitleText: '驿站临时闭站' });
