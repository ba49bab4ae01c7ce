import type { EndpointSpec, FeatureMatrix } from '../endpoints';

const TEMPLATE_USERS = ['staff', 'admin', 'department'] as const;
const ADMIN = ['admin'] as const;

/** 回复模板: read by the people who handle cases, written by admins. */
const endpoints: EndpointSpec[] = [
  { method: 'GET', route: '/api/report-templates', roles: TEMPLATE_USERS, path: () => '/api/report-templates?action=handled' },
  { method: 'GET', route: '/api/admin/report-templates', roles: ADMIN, path: () => '/api/admin/report-templates' },
  { method: 'POST', route: '/api/admin/report-templates', roles: ADMIN, path: () => '/api/admin/report-templates', body: (fx) => ({ action: 'sign', title: `矩阵${fx.seq()}`, body: '已签收' }) },
  { method: 'PATCH', route: '/api/admin/report-templates/:id', roles: ADMIN, path: () => '/api/admin/report-templates/999999', body: () => ({}) },
  { method: 'DELETE', route: '/api/admin/report-templates/:id', roles: ADMIN, path: () => '/api/admin/report-templates/999999' },
];

export const REPORT_TEMPLATES_MATRIX: FeatureMatrix = { endpoints };
