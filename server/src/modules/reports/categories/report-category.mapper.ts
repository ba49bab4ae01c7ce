import type { ReportCategoryResponse } from '@xjy/shared';
import { ReportCategory, stageHours } from './report-category.entity';

export function mapReportCategory(c: ReportCategory): ReportCategoryResponse {
  return {
    id: c.id,
    key: c.key,
    label: c.label,
    pointsMin: c.pointsMin,
    pointsMax: c.pointsMax,
    acceptHours: c.acceptHours,
    resolveHours: c.resolveHours,
    signHours: stageHours(c).sign,
    verifyHours: stageHours(c).verify,
    sortOrder: c.sortOrder,
    active: c.archivedAt === null,
  };
}
