export default definePageConfig({ navigationBarTitleText: '随手拍处理' });
