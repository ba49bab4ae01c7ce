export default definePageConfig({ navigationBarTitleText: '签到二维码', navigationBarBackgroundColor: '#c8102e', pageOrientation: 'auto', disableScroll: true });
