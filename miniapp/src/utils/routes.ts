// Page paths in one place so a rename is one edit.
export const ROUTES = {
  stations: '/pages/stations/index',
  report: '/pages/report/index',
  points: '/pages/points/index',
  me: '/pages/me/index',
  login: '/pages/login/index',
  privacy: '/pages/privacy/index',
  staffHome: '/packages/staff/pages/home/index',
  staffAreas: '/packages/staff/pages/areas/index',
} as const;

export const TAB_ROUTES: readonly string[] = [ROUTES.stations, ROUTES.report, ROUTES.points, ROUTES.me];
