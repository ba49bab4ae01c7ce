import { fieldLabel } from './field-labels.js';

/** The constraint name used for `null` sent to a field that is optional but not nullable. */
export const NOT_NULL_CONSTRAINT = 'isNotNull';
/** The constraint name used for a field the request type does not have (class-validator's own name). */
export const UNKNOWN_FIELD_CONSTRAINT = 'whitelistValidation';

const n = (v: unknown): string => (typeof v === 'number' || typeof v === 'string' ? String(v) : '');

/**
 * One Chinese sentence for a failed check, naming the field by its label: class-validator's constraint names
 * (isInt, min, maxLength, …), our own decorators (isLatInChina, isBoundaryRing, …) and the hand-written checks
 * that use the same names. `args` are the decorator's constraint values (min → [20]).
 */
export function constraintMessage(constraint: string, field: string, args: readonly unknown[] = []): string {
  const { label, unit = '', countUnit = '项' } = fieldLabel(field);
  const u = unit ? ` ${unit}` : '';
  switch (constraint) {
    case UNKNOWN_FIELD_CONSTRAINT:
      return '请求中含有不支持的字段';
    case NOT_NULL_CONSTRAINT:
      return `${label}不能为空`;
    case 'isDefined':
    case 'isNotEmpty':
    case 'required':
      return `请填写${label}`;
    case 'once':
      return `${label}只能提供一次`;
    case 'isInt':
      return `${label}必须是整数`;
    case 'isNumber':
    case 'isNumberString':
      return `${label}必须是数字`;
    case 'isPositive':
      return `${label}必须大于 0`;
    case 'isString':
      return `${label}必须是文字`;
    case 'isBoolean':
    case 'isBooleanString':
      return `${label}只能是“是”或“否”`;
    case 'min':
      return `${label}不能小于 ${n(args[0])}${u}`;
    case 'max':
      return `${label}不能大于 ${n(args[0])}${u}`;
    case 'range':
      return `${label}须在 ${n(args[0])} 至 ${n(args[1])}${u} 之间`;
    case 'minLength':
      return `${label}至少 ${n(args[0])} 个字`;
    case 'maxLength':
      return `${label}最多 ${n(args[0])} 个字`;
    case 'isLength':
      return `${label}须为 ${n(args[0])} 至 ${n(args[1])} 个字`;
    case 'isIn':
    case 'isEnum':
      return `${label}的取值无效`;
    case 'isArray':
      return `${label}必须是列表`;
    case 'arrayMinSize':
      return `${label}至少 ${n(args[0])} ${countUnit}`;
    case 'arrayMaxSize':
      return `${label}最多 ${n(args[0])} ${countUnit}`;
    case 'arrayUnique':
      return `${label}不能重复`;
    case 'isISO8601':
    case 'isDateString':
    case 'isDate':
      return `${label}必须是有效的日期时间`;
    case 'matches':
      return `${label}格式不正确`;
    case 'isLatitude':
      return '纬度须在 -90 至 90 之间';
    case 'isLongitude':
      return '经度须在 -180 至 180 之间';
    case 'isLatInChina':
    case 'inChina':
      return '位置必须在中国境内';
    case 'isBoundaryRing':
      return `${label}须为 3 至 ${n(args[0]) || '若干'} 个位于中国境内的点`;
    case 'isOpeningHours':
      return `${label}格式不正确，须为每周的开始和结束时间`;
    case 'isClosures':
      return `${label}格式不正确，须为开始和结束时间`;
    case 'nestedValidation':
    case 'isObject':
      return `${label}格式不正确`;
    case 'positiveId':
      return `${label}必须是正整数`;
    default:
      return `${label}不正确`;
  }
}
