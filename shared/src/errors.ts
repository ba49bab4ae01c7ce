// Every error body the API sends is { code, message, details? }. Codes are stable; messages are for people.

import { ACTIVITY_ERROR_CODES, CHECK_IN_REFUSAL_LABELS, HOURS_ERROR_HTTP_STATUS, HOURS_ERROR_MESSAGES, type ActivityErrorCode } from './activity.js';
import { MEDIA_ERROR_CODES, type MediaErrorCode } from './media.js';
import { OPEN311_ERROR_CODES, type Open311ErrorCode } from './open311.js';
import { REPORT_TEMPLATE_ERROR_CODES, type ReportTemplateErrorCode } from './report-templates.js';
import { STATEMENT_ERROR_CODES, type StatementErrorCode } from './points.js';
import { REPORT_ERROR_CODES, type ReportErrorCode } from './report.js';
import { STATION_ERROR_CODES, type StationErrorCode } from './station.js';

export const COMMON_ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'json_too_deep',
  'bad_request',
  'multipart_invalid',
  'multipart_too_many_files',
  'multipart_unexpected_field',
  'multipart_too_many_fields',
  'unauthenticated',
  'token_invalid',
  'forbidden',
  'out_of_scope',
  'not_found',
  'method_not_allowed',
  'request_timeout',
  'conflict',
  'illegal_state',
  'payload_too_large',
  'uri_too_long',
  'unsupported_media_type',
  'rate_limited',
  'header_too_large',
  'internal_error',
  'db_unavailable',
  'upstream_unavailable',
  'server_busy',
] as const;
export type CommonErrorCode = (typeof COMMON_ERROR_CODES)[number];

export const AUTH_ERROR_CODES = [
  'wechat_code_invalid',
  'wechat_unavailable',
  'bad_credentials',
  'account_disabled',
  'dev_login_disabled',
  'unknown_demo_account',
] as const;
export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

export const AREA_ERROR_CODES = [
  'area_not_found',
  'area_level_invalid',
  'area_code_taken',
  'area_has_children',
  'area_in_use',
  'area_boundary_outside_parent',
  'area_boundary_excludes_child',
  'area_boundary_admin_only',
] as const;
export type AreaErrorCode = (typeof AREA_ERROR_CODES)[number];

export const STAFF_ERROR_CODES = ['username_taken', 'user_not_found', 'cannot_disable_self'] as const;
export type StaffErrorCode = (typeof STAFF_ERROR_CODES)[number];

export const ORGANIZATION_ERROR_CODES = ['organization_exists', 'organization_level_invalid'] as const;
export type OrganizationErrorCode = (typeof ORGANIZATION_ERROR_CODES)[number];

/** Every code the API answers with; the per-feature lists stay beside their feature's types. */
export const ERROR_CODES = [
  ...COMMON_ERROR_CODES,
  ...AUTH_ERROR_CODES,
  ...AREA_ERROR_CODES,
  ...STAFF_ERROR_CODES,
  ...ORGANIZATION_ERROR_CODES,
  ...MEDIA_ERROR_CODES,
  ...STATION_ERROR_CODES,
  ...REPORT_ERROR_CODES,
  ...ACTIVITY_ERROR_CODES,
  ...OPEN311_ERROR_CODES,
  ...REPORT_TEMPLATE_ERROR_CODES,
  ...STATEMENT_ERROR_CODES,
] as const;
export type ErrorCode = CommonErrorCode | AuthErrorCode | AreaErrorCode | StaffErrorCode | OrganizationErrorCode | MediaErrorCode | StationErrorCode | ReportErrorCode | ActivityErrorCode | Open311ErrorCode | ReportTemplateErrorCode | StatementErrorCode;

const ERROR_CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && ERROR_CODE_SET.has(value);
}

export type ErrorHttpStatus = 400 | 401 | 403 | 404 | 405 | 408 | 409 | 413 | 414 | 415 | 422 | 429 | 431 | 500 | 503;

/**
 * One status per code, whatever the route. A `*_not_found` code is always 404, also when the missing thing is
 * named by an id or key inside the request body (a report's category, a station's area, a staff member's
 * scope areas): the body's field is then named in `details.fields`. Missing entries fail the typecheck.
 */
export const ERROR_HTTP_STATUS: { readonly [C in ErrorCode]: ErrorHttpStatus } = {
  validation_failed: 400,
  malformed_json: 400,
  json_too_deep: 400,
  bad_request: 400,
  multipart_invalid: 400,
  multipart_too_many_files: 400,
  multipart_unexpected_field: 400,
  multipart_too_many_fields: 400,
  unauthenticated: 401,
  token_invalid: 401,
  forbidden: 403,
  out_of_scope: 403,
  not_found: 404,
  method_not_allowed: 405,
  request_timeout: 408,
  conflict: 409,
  illegal_state: 409,
  payload_too_large: 413,
  uri_too_long: 414,
  unsupported_media_type: 415,
  rate_limited: 429,
  header_too_large: 431,
  internal_error: 500,
  db_unavailable: 503,
  upstream_unavailable: 503,
  server_busy: 503,

  wechat_code_invalid: 401,
  wechat_unavailable: 503,
  bad_credentials: 401,
  account_disabled: 403,
  dev_login_disabled: 403,
  unknown_demo_account: 404,

  area_not_found: 404,
  area_level_invalid: 400,
  organization_exists: 409,
  organization_level_invalid: 400,
  area_code_taken: 409,
  area_has_children: 409,
  area_in_use: 409,
  area_boundary_outside_parent: 400,
  area_boundary_excludes_child: 409,
  area_boundary_admin_only: 403,

  username_taken: 409,
  user_not_found: 404,

  media_not_found: 404,
  media_already_attached: 409,
  media_file_missing: 404,
  push_signature_invalid: 401,
  push_stale: 401,
  push_replayed: 409,
  push_plaintext_refused: 401,
  push_decrypt_failed: 400,
  media_busy: 429,
  image_too_large: 413,

  station_not_found: 404,
  station_code_taken: 409,
  station_outside_area: 400,
  station_import_invalid: 400,
  station_feedback_not_found: 404,
  station_feedback_resolved: 409,
  station_photo_not_found: 400,
  station_area_level: 400,
  area_no_boundary: 400,
  station_import_too_large: 413,
  station_import_too_many_rows: 413,
  station_import_unsafe_zip: 400,
  coverage_area_too_large: 422,
  coverage_busy: 429,
  station_confirm_too_far: 422,
  station_confirm_too_soon: 409,
  station_service_not_found: 404,
  station_service_in_past: 400,
  station_service_cancelled: 409,
  station_service_full: 409,
  station_favorites_full: 409,

  report_not_found: 404,
  category_not_found: 404,
  category_key_taken: 409,
  department_not_found: 404,
  department_name_taken: 409,
  points_out_of_range: 400,
  idempotency_key_required: 400,
  outside_service_area: 400,
  cannot_witness_own_report: 400,
  report_not_open: 409,
  not_department_case: 403,
  no_department: 403,
  request_pending: 409,
  no_pending_request: 409,
  report_not_finished: 409,
  already_rated: 409,
  already_confirmed: 409,
  follow_up_location_required: 400,
  follow_up_too_far: 422,

  organization_not_found: 404,
  membership_not_found: 404,
  membership_exists: 409,
  activity_not_found: 404,
  activity_cancelled: 409,
  activity_time_invalid: 400,
  check_in_not_found: 404,
  check_in_not_refused: 409,
  approval_window_closed: 409,
  already_attended: 409,
  qr_token_invalid: 422,
  qr_token_wrong_activity: 422,
  qr_token_expired: 422,
  outside_window: 422,
  outside_fence: 422,
  not_eligible: 422,
  activity_full: 422,
  own_activity: 422,
  own_membership: 403,
  own_check_in: 403,
  own_report: 403,
  cannot_disable_self: 409,
  api_key_invalid: 403,
  api_key_not_found: 404,
  report_template_not_found: 404,
  ...HOURS_ERROR_HTTP_STATUS,

  statement_not_found: 404,
  statement_period_invalid: 400,
  statement_too_long: 422,
  statement_altered: 409,
  statement_limit_reached: 409,
};

export type ErrorDetails = { fields?: FieldError[]; requestId?: string; [key: string]: unknown };
/** A catalogue entry: fixed text, or text that fills in numbers from the error's details (falling back to fixed text). */
export type ErrorMessage = string | ((details: ErrorDetails) => string);

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** What people read for each code: Chinese, no field names, no English. Missing entries fail the typecheck. */
export const ERROR_MESSAGES: { readonly [C in ErrorCode]: ErrorMessage } = {
  validation_failed: '提交的内容有误，请检查后重试',
  malformed_json: '请求内容格式有误',
  json_too_deep: '请求内容的嵌套层级过深',
  bad_request: '请求格式有误',
  multipart_invalid: '上传内容格式有误，请重新选择文件上传',
  multipart_too_many_files: '一次只能上传一个文件',
  multipart_unexpected_field: '上传内容中含有不支持的字段',
  multipart_too_many_fields: '上传内容中的字段过多',
  unauthenticated: '请先登录',
  token_invalid: '登录已失效，请重新登录',
  forbidden: '你没有权限进行此操作',
  out_of_scope: '这不在你负责的区域内',
  not_found: '请求的内容不存在',
  method_not_allowed: '不支持这种请求方式',
  request_timeout: '请求超时，请重试',
  conflict: '操作与现有数据冲突，请刷新后重试',
  illegal_state: '当前状态下不能进行此操作',
  payload_too_large: (d) => {
    const bytes = num(d.maxBytes);
    return bytes ? `上传内容不能超过 ${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : '上传内容过大';
  },
  uri_too_long: '请求地址过长',
  unsupported_media_type: '不支持这种内容格式',
  rate_limited: '操作太频繁，请稍后再试',
  header_too_large: '请求头过大',
  internal_error: '服务器出了点问题，请稍后再试',
  db_unavailable: '服务暂时不可用，请稍后再试',
  upstream_unavailable: '服务暂时不可用，请稍后再试',
  server_busy: '服务器正忙，请稍后再试',

  wechat_code_invalid: '微信登录凭证无效或已使用，请重新登录',
  wechat_unavailable: '微信服务暂时不可用，请稍后再试',
  bad_credentials: '用户名或密码错误',
  account_disabled: '账号已停用',
  dev_login_disabled: '本服务器未开启演示登录',
  unknown_demo_account: '该演示账号尚未创建',

  area_not_found: '区域不存在',
  area_level_invalid: '区域层级不正确',
  organization_exists: '该区域已有组织',
  organization_level_invalid: '组织只能建在社区或网格',
  area_code_taken: (d) => (str(d.code) ? `区域编码 ${str(d.code)} 已被使用` : '区域编码已被使用'),
  area_has_children: '请先删除下级区域',
  area_in_use: '该区域下还有站点、组织或问题上报，不能删除',
  area_boundary_outside_parent: (d) => (str(d.parentName) ? `边界超出了上级区域${str(d.parentName)}的范围` : '边界超出了上级区域的范围'),
  area_boundary_excludes_child: (d) => (str(d.childNames) ? `新边界会把${str(d.childNames)}留在外面` : '新边界会把下级区域留在外面'),
  area_boundary_admin_only: '只有管理员可以修改区县、街道和你负责范围本身的边界',

  username_taken: (d) => (str(d.username) ? `用户名 ${str(d.username)} 已被使用` : '用户名已被使用'),
  user_not_found: '账号不存在',

  media_not_found: '照片不存在或链接已过期',
  media_already_attached: '照片已被其他内容使用',
  media_file_missing: '照片文件已丢失',
  push_signature_invalid: '推送签名无效',
  push_stale: '推送已过期',
  push_replayed: '该推送已收到过',
  push_plaintext_refused: '已启用安全模式，推送须加密',
  push_decrypt_failed: '无法解密推送内容',
  media_busy: '你的照片还在处理，请稍后再上传',
  image_too_large: (d) => {
    const w = num(d.width);
    const h = num(d.height);
    const max = num(d.maxPixels);
    const limit = max ? `，最多 ${Math.round(max / 1_000_000)} 百万像素` : '';
    return w && h ? `照片像素过多（${w}×${h}）${limit}` : `照片像素过多${limit}`;
  },

  station_not_found: '站点不存在',
  station_code_taken: (d) => (str(d.code) ? `站点编码 ${str(d.code)} 已被使用` : '站点编码已被使用'),
  station_outside_area: (d) => (str(d.areaName) ? `站点位置不在${str(d.areaName)}范围内` : '站点位置不在所选区域范围内'),
  station_import_invalid: '导入文件有误，未导入任何内容',
  station_feedback_not_found: '反馈不存在',
  station_feedback_resolved: '该反馈已处理',
  station_photo_not_found: '本服务器暂不支持站点照片',
  station_area_level: '站点须设在街道、社区或网格下',
  area_no_boundary: '该区域没有边界，无法计算',
  station_import_too_large: (d) => {
    const limit = num(d.limit);
    return limit ? `导入文件过大（上限 ${Math.round((limit / 1024 / 1024) * 10) / 10} MB）` : '导入文件过大';
  },
  station_import_too_many_rows: (d) => (num(d.rowsMax) ? `每个文件最多 ${num(d.rowsMax)} 行` : '导入文件行数过多'),
  station_import_unsafe_zip: '无法安全读取这个 XLSX 文件，请用表格软件重新保存后再导入',
  coverage_area_too_large: (d) => {
    const cells = num(d.cells);
    const max = num(d.cellsMax);
    return cells && max ? `区域太大，无法计算覆盖率（${cells} 个网格，最多 ${max} 个）` : '区域太大，无法计算覆盖率';
  },
  coverage_busy: '覆盖率正在计算，请稍后再试',
  station_confirm_too_far: (d) => (num(d.distanceM) !== null && num(d.radiusM) ? `您距离站点约 ${num(d.distanceM)} 米，需在 ${num(d.radiusM)} 米内才能确认` : '您离站点太远，需走近后再确认'),
  station_confirm_too_soon: (d) => (num(d.retryInMinutes) ? `您刚确认过这个站点，请 ${num(d.retryInMinutes)} 分钟后再确认` : '您刚确认过这个站点，6 小时内只能确认一次'),
  station_service_not_found: '服务活动不存在',
  station_service_in_past: '服务时间须在将来，且结束晚于开始',
  station_service_cancelled: '该服务活动已取消',
  station_service_full: '该服务活动报名已满',
  station_favorites_full: (d) => (num(d.max) ? `最多收藏 ${num(d.max)} 个站点` : '收藏的站点太多了'),

  report_not_found: '问题上报不存在',
  category_not_found: '问题类别不存在',
  category_key_taken: (d) => (str(d.key) ? `类别标识 ${str(d.key)} 已被使用` : '类别标识已被使用'),
  department_not_found: '部门不存在',
  department_name_taken: (d) => (str(d.name) ? `已有名为“${str(d.name)}”的部门` : '部门名称已被使用'),
  points_out_of_range: (d) => {
    const min = num(d.pointsMin);
    const max = num(d.pointsMax);
    return min !== null && max !== null ? `积分须在 ${min} 至 ${max} 之间` : '积分超出该类别允许的范围';
  },
  idempotency_key_required: '请求缺少防重复标识，请重试',
  outside_service_area: '该位置不在服务范围内',
  cannot_witness_own_report: '这是你自己上报的问题',
  report_not_open: '这个问题已经处理完了',
  not_department_case: '这个案件没有派给你所在的部门',
  no_department: '你的账号还没有关联处置部门，请联系管理员',
  request_pending: (d) => (str(d.kind) === 'deferral' ? '已有待审批的缓办申请' : str(d.kind) === 'extension' ? '已有待审批的延期申请' : '已有待审批的申请'),
  no_pending_request: (d) => (str(d.kind) === 'deferral' ? '没有待审批的缓办申请' : str(d.kind) === 'extension' ? '没有待审批的延期申请' : '没有待审批的申请'),
  report_not_finished: '问题还没有办结，暂时不能确认或评价',
  already_rated: '你已经评价过了',
  already_confirmed: '你已经确认过办理结果了',
  follow_up_location_required: '附复查照片时须提供拍摄位置',
  follow_up_too_far: (d) => (num(d.distanceM) !== null ? `复查照片须在问题位置 100 米内拍摄（当前相距 ${num(d.distanceM)} 米）` : '复查照片须在问题位置 100 米内拍摄'),

  organization_not_found: '组织不存在',
  membership_not_found: '成员身份不存在',
  membership_exists: '你已加入或申请加入该组织',
  activity_not_found: '活动不存在',
  activity_cancelled: '该活动已取消',
  activity_time_invalid: '活动时间不正确',
  check_in_not_found: '签到记录不存在',
  check_in_not_refused: '只有被拒绝的签到才能人工通过',
  approval_window_closed: '已超过人工补签的时间',
  already_attended: '该成员已签到过本次活动',
  own_membership: '不能审核自己的组织关系，请由其他工作人员处理',
  own_check_in: '不能核准自己的签到，请由其他工作人员处理',
  own_report: '不能处理自己上报的问题',
  cannot_disable_self: '不能停用自己的账号',
  api_key_invalid: '接口密钥无效或已吊销',
  api_key_not_found: '接口密钥不存在',
  report_template_not_found: '回复模板不存在',
  ...CHECK_IN_REFUSAL_LABELS,
  ...HOURS_ERROR_MESSAGES,

  statement_not_found: '没有找到这份证明，请核对验证码',
  statement_period_invalid: (d) => {
    const max = num(d.spanDaysMax);
    if (d.reason === 'order') return '开始日期不能晚于结束日期';
    if (d.reason === 'future') return '结束日期不能晚于今天';
    if (d.reason === 'too_long' && max) return `一份证明最长覆盖 ${max} 天，请缩短时间段`;
    return '证明的时间段有误，请按 年-月-日 填写真实日期';
  },
  statement_too_long: (d) => {
    const max = num(d.linesMax);
    return max ? `这段时间的记录超过 ${max} 条，请缩短时间段` : '这段时间的记录过多，请缩短时间段';
  },
  statement_altered: '这份证明的内容与开具时不一致，已失效',
  statement_limit_reached: (d) => {
    const max = num(d.max);
    return max ? `最多保留 ${max} 份证明` : '证明份数已达上限';
  },
};

/** The Chinese message for a code, filled in from details where the entry uses them. */
export function errorMessageFor(code: ErrorCode, details?: ErrorDetails): string {
  const entry = ERROR_MESSAGES[code];
  return typeof entry === 'function' ? entry(details ?? {}) : entry;
}

/** True when a text reads as Chinese (has CJK characters): a server message worth showing as it comes. */
export function isChineseText(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}

export interface FieldError {
  field: string;
  message: string;
}

export interface ErrorBody {
  code: ErrorCode | (string & {});
  message: string;
  details?: ErrorDetails;
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    typeof (value as ErrorBody).message === 'string'
  );
}
