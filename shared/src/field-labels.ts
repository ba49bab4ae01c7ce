/**
 * What people call each request field, for validation messages: the API keeps the raw name in
 * `details.fields[].field` (for code) and writes its Chinese label into `message`. `unit` follows a number
 * ("不能小于 20 米"); `countUnit` follows a count of items ("最多 3 张").
 */
export interface FieldLabel {
  label: string;
  unit?: string;
  countUnit?: string;
}

export const FIELD_LABELS = {
  id: { label: '编号' },
  file: { label: '文件' },
  lat: { label: '纬度' },
  lng: { label: '经度' },
  accuracyM: { label: '定位精度', unit: '米' },
  radius: { label: '搜索半径', unit: '米' },
  radiusM: { label: '搜索半径', unit: '米' },
  bbox: { label: '地图范围' },
  limit: { label: '每页数量', unit: '条' },
  offset: { label: '起始位置' },
  page: { label: '页码' },
  cursor: { label: '翻页位置' },
  q: { label: '搜索关键词' },
  openNow: { label: '营业中' },
  coordSystem: { label: '坐标系' },
  dryRun: { label: '仅预览' },

  account: { label: '账号' },
  username: { label: '用户名' },
  password: { label: '密码' },
  code: { label: '编码' },
  nickname: { label: '昵称' },
  phone: { label: '电话' },
  employer: { label: '工作单位' },
  trade: { label: '行业' },
  role: { label: '角色' },
  scopeAreaIds: { label: '负责区域', countUnit: '个' },

  areaId: { label: '区域' },
  parentId: { label: '上级区域' },
  level: { label: '区域层级' },
  name: { label: '名称' },
  boundary: { label: '边界', countUnit: '个点' },

  kind: { label: '站点类型' },
  address: { label: '地址' },
  hostUnit: { label: '共建单位' },
  amenities: { label: '服务设施', countUnit: '项' },
  hours: { label: '开放时间', countUnit: '段' },
  closures: { label: '临时闭站', countUnit: '段' },
  photoMediaIds: { label: '站点照片', countUnit: '张' },
  stationId: { label: '站点' },
  resolution: { label: '处理结果' },

  category: { label: '问题类别' },
  description: { label: '问题描述' },
  mediaIds: { label: '照片', countUnit: '张' },
  ofReportId: { label: '重复的问题' },
  departmentId: { label: '部门' },
  reason: { label: '原因' },
  note: { label: '备注' },
  points: { label: '积分', unit: '分' },
  pointsMin: { label: '最低积分', unit: '分' },
  pointsMax: { label: '最高积分', unit: '分' },
  acceptHours: { label: '受理时限', unit: '小时' },
  resolveHours: { label: '办结时限', unit: '小时' },
  key: { label: '标识' },
  label: { label: '显示名称' },
  sortOrder: { label: '排序' },
  active: { label: '启用状态' },
  status: { label: '状态' },
  overdue: { label: '是否超时' },
  flagged: { label: '是否待复核' },
  templateId: { label: '订阅消息模板' },
  result: { label: '订阅结果' },
  from: { label: '开始日期' },
  to: { label: '结束日期' },
  period: { label: '统计周期' },

  organizationId: { label: '组织' },
  type: { label: '类型' },
  title: { label: '标题' },
  startsAt: { label: '开始时间' },
  endsAt: { label: '结束时间' },
  capacity: { label: '人数上限', unit: '人' },
  token: { label: '签到码' },
  scope: { label: '范围' },
  quarter: { label: '季度' },
  target: { label: '对象' },
  options: { label: '选项' },
  signedOutAt: { label: '签退时间' },
  accept: { label: '核实结果' },
  hoursThresholdPct: { label: '最低时长比例', unit: '%' },
  meetingKind: { label: '会议类型' },
  withLocation: { label: '读取照片位置' },
} as const satisfies Record<string, FieldLabel>;

export type LabelledField = keyof typeof FIELD_LABELS;

const GENERIC: FieldLabel = { label: '参数' };

/**
 * The label for a field path as class-validator names it ("lat", "hours.0.open", "boundary.2"): the deepest
 * named segment that has a label, else a generic word so no raw field name reaches a person.
 */
export function fieldLabel(path: string): FieldLabel {
  const labels: Record<string, FieldLabel> = FIELD_LABELS;
  const segments = path.split('.').filter((s) => s && !/^\d+$/.test(s));
  for (let i = segments.length - 1; i >= 0; i--) {
    const found = Object.prototype.hasOwnProperty.call(labels, segments[i]) ? labels[segments[i]] : undefined;
    if (found) return found;
  }
  return GENERIC;
}
