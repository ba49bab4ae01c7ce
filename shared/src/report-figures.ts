// 数字城管 figures for 随手拍 (GB/T 30428.4 practice, as 金华, 天门, 福州 publish them): one definition each, used by
// the server to compute them and by the dashboard to show them with their formula. Pure: counts in, figures out.

/** What every figure is computed from: counts over the reports received in a window (the cohort). */
export interface ReportFigureCounts {
  /** 受理数: reports received in the window. */
  received: number;
  /** 立案数 = 应结案数: received and filed (accepted) — not rejected, duplicate or withdrawn before filing. */
  filed: number;
  /** 缓办数: filed cases deferred now (deferral approved, no deadline running). */
  deferred: number;
  /** 结案数: filed cases closed as fixed after verification. Closed-not-fixed is never counted here. */
  closedFixed: number;
  /** 按期结案数: closed as fixed without any stage ever running past its deadline (never 督办). */
  closedOnTime: number;
  /** 未解决结案数: closed as not fixable or not our responsibility — an honest end state. */
  closedNotFixed: number;
  /** 派遣数: filed cases dispatched to a department at least once. */
  dispatched: number;
  /** 处置数: dispatched cases the department reported handled (待核查 or 已办结). */
  handled: number;
  /** 返工案件数: cases whose verification failed at least once. */
  reworked: number;
  /** 延期案件数: cases with at least one approved extension. */
  extended: number;
  /** 已评价数 and its parts. */
  rated: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
}

export const EMPTY_FIGURE_COUNTS: ReportFigureCounts = {
  received: 0,
  filed: 0,
  deferred: 0,
  closedFixed: 0,
  closedOnTime: 0,
  closedNotFixed: 0,
  dispatched: 0,
  handled: 0,
  reworked: 0,
  extended: 0,
  rated: 0,
  satisfied: 0,
  basic: 0,
  unsatisfied: 0,
};

export function addFigureCounts(a: ReportFigureCounts, b: ReportFigureCounts): ReportFigureCounts {
  const out = { ...a };
  for (const k of Object.keys(out) as Array<keyof ReportFigureCounts>) out[k] += b[k];
  return out;
}

/** A rate with what it was computed from; value is null (not 0, not NaN) when the denominator is 0. */
export interface FigureValue {
  value: number | null;
  numerator: number;
  denominator: number;
}

export const REPORT_FIGURE_KEYS = ['closureRate', 'onTimeClosureRate', 'reworkRate', 'extensionRate', 'satisfactionRate', 'handlingRate'] as const;
export type ReportFigureKey = (typeof REPORT_FIGURE_KEYS)[number];

export interface ReportFigureDefinition {
  key: ReportFigureKey;
  /** 中文 name, as cities publish it. */
  name: string;
  /** The formula as people read it. */
  formula: string;
  /** What the numerator and denominator count, in words. */
  definition: string;
  numerator: (c: ReportFigureCounts) => number;
  denominator: (c: ReportFigureCounts) => number;
}

export const REPORT_FIGURES: Record<ReportFigureKey, ReportFigureDefinition> = {
  closureRate: {
    key: 'closureRate',
    name: '结案率',
    formula: '结案数 ÷ (应结案数 − 缓办数)',
    definition: '结案数：核查通过、以“已解决”结案的案件数（无法解决、不属于职责范围的结案不计入）；应结案数：统计期内上报并已立案的案件数；缓办数：其中正处于缓办的案件数。',
    numerator: (c) => c.closedFixed,
    denominator: (c) => c.filed - c.deferred,
  },
  onTimeClosureRate: {
    key: 'onTimeClosureRate',
    name: '按期结案率',
    formula: '按期结案数 ÷ (应结案数 − 缓办数)',
    definition: '按期结案数：以“已解决”结案、且各环节均未超过时限（从未被督办）的案件数；应结案数、缓办数同结案率。',
    numerator: (c) => c.closedOnTime,
    denominator: (c) => c.filed - c.deferred,
  },
  reworkRate: {
    key: 'reworkRate',
    name: '返工率',
    formula: '返工案件数 ÷ 派遣数',
    definition: '返工案件数：核查未通过、退回部门重新处置过的案件数（每件只计一次）；派遣数：派遣到部门处置的案件数。',
    numerator: (c) => c.reworked,
    denominator: (c) => c.dispatched,
  },
  extensionRate: {
    key: 'extensionRate',
    name: '延期率',
    formula: '延期案件数 ÷ 派遣数',
    definition: '延期案件数：部门申请延期并获批准的案件数（每件只计一次）；派遣数同返工率。',
    numerator: (c) => c.extended,
    denominator: (c) => c.dispatched,
  },
  satisfactionRate: {
    key: 'satisfactionRate',
    name: '满意率',
    formula: '(满意数 + 基本满意数) ÷ 已评价数',
    definition: '上报人在结案后给出的评价：满意、基本满意计为满意；未评价的案件不计入。',
    numerator: (c) => c.satisfied + c.basic,
    denominator: (c) => c.rated,
  },
  handlingRate: {
    key: 'handlingRate',
    name: '处置率',
    formula: '处置数 ÷ 派遣数',
    definition: '处置数：部门已处置反馈（待核查或已结案为“已解决”）的案件数；派遣数：派遣到该部门的案件数。按部门统计时，案件计入最后承办的部门。',
    numerator: (c) => c.handled,
    denominator: (c) => c.dispatched,
  },
};

export function computeFigure(key: ReportFigureKey, c: ReportFigureCounts): FigureValue {
  const def = REPORT_FIGURES[key];
  const numerator = def.numerator(c);
  const denominator = Math.max(0, def.denominator(c));
  return { value: denominator > 0 ? numerator / denominator : null, numerator, denominator };
}

export type ReportFigureValues = Record<ReportFigureKey, FigureValue>;

export function computeFigures(c: ReportFigureCounts): ReportFigureValues {
  return Object.fromEntries(REPORT_FIGURE_KEYS.map((k) => [k, computeFigure(k, c)])) as ReportFigureValues;
}

/** The stages whose time the dashboard reports (median hours), each from one timeline moment to the next. */
export const REPORT_FIGURE_STAGES = ['file', 'dispatch', 'sign', 'handle', 'verify'] as const;
export type ReportFigureStage = (typeof REPORT_FIGURE_STAGES)[number];
export const REPORT_FIGURE_STAGE_DEFINITIONS: Record<ReportFigureStage, { name: string; from: string; to: string }> = {
  file: { name: '立案', from: '上报', to: '立案（采纳）' },
  dispatch: { name: '派遣', from: '立案', to: '首次派遣' },
  sign: { name: '签收', from: '派遣', to: '部门签收' },
  handle: { name: '处置', from: '签收（或返工、恢复办理）', to: '处置反馈' },
  verify: { name: '核查', from: '处置反馈', to: '核查通过、返工或结案' },
};

/** The median of a list (mean of the middle two for an even count); null for none. */
export function medianOf(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** One row of a breakdown (an area, a category, a department, a week): its counts and every figure from them. */
export interface ReportFigureBreakdown {
  received: number;
  /** Open cases past the deadline of their stage now. */
  overdue: number;
  counts: ReportFigureCounts;
  figures: ReportFigureValues;
}

export interface ReportStageMedian {
  stage: ReportFigureStage;
  name: string;
  /** Median hours, one decimal; null when no case went through the stage. */
  hours: number | null;
  /** How many stage passages the median is over. */
  cases: number;
}

/** GET /api/dashboard/reports: the figures over the reports received in [from, to), by area, category, department and week. */
export interface ReportDashboardResponse extends ReportFigureValues {
  from: string;
  to: string;
  received: number;
  overdue: number;
  counts: ReportFigureCounts;
  medianHours: ReportStageMedian[];
  /** Filed cases the stage medians were measured on (all of them up to 2,000; beyond, an even sample by id). */
  medianSampleSize: number;
  byStatus: Array<{ status: string; count: number }>;
  byArea: Array<ReportFigureBreakdown & { areaId: number; name: string }>;
  byCategory: Array<ReportFigureBreakdown & { category: string; label: string }>;
  byDepartment: Array<ReportFigureBreakdown & { departmentId: number; name: string }>;
  /** China weeks (Monday) of receipt, oldest first. */
  byWeek: Array<ReportFigureBreakdown & { week: string }>;
}
