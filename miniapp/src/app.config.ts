export default defineAppConfig({
  pages: [
    'pages/stations/index',
    'pages/report/index',
    'pages/points/index',
    'pages/me/index',
    'pages/login/index',
    'pages/privacy/index',
    'pages/report-detail/index',
    'pages/my-reports/index',
    'pages/station-detail/index',
    'pages/statement/index',
    'pages/not-found/index',
  ],
  subPackages: [
    {
      // Staff-only pages stay out of the main package that every rider downloads.
      root: 'packages/staff',
      pages: [
        'pages/home/index',
        'pages/areas/index',
        'pages/activities/index',
        'pages/activity-edit/index',
        'pages/activity-qr/index',
        'pages/attendance/index',
        'pages/memberships/index',
        'pages/absentees/index',
        'pages/reports/index',
        'pages/report/index',
        'pages/report-dashboard/index',
        'pages/stations/index',
        'pages/station-edit/index',
        'pages/station-import/index',
        'pages/station-feedback/index',
        'pages/station-coverage/index',
        'pages/escalations/index',
        'pages/admin-staff/index',
        'pages/admin-categories/index',
        'pages/admin-departments/index',
        'pages/admin-areas/index',
        'pages/admin-points/index',
        'pages/admin-closures/index',
      ],
    },
    {
      // A member's organizations, activities and check-ins: opened from 我的, not needed at launch.
      root: 'packages/org',
      pages: ['pages/orgs/index', 'pages/activities/index', 'pages/activity/index', 'pages/check-ins/index'],
    },
    {
      // A department's handlers (签收、处置反馈): only they open it.
      root: 'packages/dept',
      pages: ['pages/cases/index', 'pages/case/index'],
    },
  ],
  preloadRule: {
    'pages/me/index': { network: 'wifi', packages: ['packages/staff'] },
  },
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8102e',
    navigationBarTitleText: '新就业群体服务',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f6f8',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8102e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/stations/index', text: '驿站', iconPath: 'assets/tab/stations.png', selectedIconPath: 'assets/tab/stations-active.png' },
      { pagePath: 'pages/report/index', text: '随手拍', iconPath: 'assets/tab/report.png', selectedIconPath: 'assets/tab/report-active.png' },
      { pagePath: 'pages/points/index', text: '积分', iconPath: 'assets/tab/points.png', selectedIconPath: 'assets/tab/points-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于查找附近的爱心驿站和定位随手拍问题位置' },
  },
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
});
