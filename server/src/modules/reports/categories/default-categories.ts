// The categories and departments a new installation starts with; admin changes them afterwards.

export const DEFAULT_REPORT_CATEGORIES = [
  { key: 'traffic', label: '交通劝导', pointsMin: 5, pointsMax: 8, acceptHours: 24, resolveHours: 72, sortOrder: 10 },
  { key: 'civility', label: '文明创城', pointsMin: 5, pointsMax: 8, acceptHours: 24, resolveHours: 168, sortOrder: 20 },
  { key: 'environment', label: '市容环境', pointsMin: 5, pointsMax: 8, acceptHours: 24, resolveHours: 120, sortOrder: 30 },
  { key: 'hazard', label: '安全隐患', pointsMin: 8, pointsMax: 10, acceptHours: 4, resolveHours: 48, sortOrder: 40 },
  { key: 'facility', label: '设施损坏', pointsMin: 6, pointsMax: 10, acceptHours: 24, resolveHours: 168, sortOrder: 50 },
  { key: 'other', label: '其他', pointsMin: 5, pointsMax: 10, acceptHours: 24, resolveHours: 168, sortOrder: 90 },
] as const;

export const DEFAULT_DEPARTMENTS = ['交警', '城管', '市场监管', '住建', '供电', '社区'] as const;
