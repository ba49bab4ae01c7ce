import { ERROR_CODES, ERROR_HTTP_STATUS, ERROR_MESSAGES, errorMessageFor, isErrorCode, type ErrorCode } from './errors';
import { FIELD_LABELS, fieldLabel } from './field-labels';
import { constraintMessage, NOT_NULL_CONSTRAINT, UNKNOWN_FIELD_CONSTRAINT } from './validation-messages';

/** Latin words people may read inside a Chinese sentence: file formats, units and the import's column values. */
const ALLOWED_WORDS = new Set(['MB', 'JPEG', 'PNG', 'WebP', 'HEIC', 'QR', 'CSV', 'XLSX', 'UTF']);
const CJK = /[\u4e00-\u9fff]/;

function expectChinese(text: string): void {
  expect(text).toMatch(CJK);
  const words = text.match(/[A-Za-z]{3,}/g) ?? [];
  expect(words.filter((w) => !ALLOWED_WORDS.has(w))).toEqual([]);
}

const SAMPLE_DETAILS = { maxBytes: 10 * 1024 * 1024, width: 20000, height: 20000, maxPixels: 40_000_000, pointsMin: 1, pointsMax: 5, code: 'S-001', username: '张三', areaName: '新乐市' };

describe('error catalogue', () => {
  it('has exactly one status and one message for every code, and no code twice', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect(Object.keys(ERROR_HTTP_STATUS).sort()).toEqual([...ERROR_CODES].sort());
    expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...ERROR_CODES].sort());
  });

  it.each(ERROR_CODES.map((c) => [c]))('%s reads as Chinese, with and without details', (code) => {
    expectChinese(errorMessageFor(code as ErrorCode));
    expectChinese(errorMessageFor(code as ErrorCode, SAMPLE_DETAILS));
  });

  it('fills numbers in from details', () => {
    expect(errorMessageFor('payload_too_large', { maxBytes: 10 * 1024 * 1024 })).toBe('上传内容不能超过 10 MB');
    expect(errorMessageFor('image_too_large', { width: 20000, height: 20000, maxPixels: 40_000_000 })).toBe('照片像素过多（20000×20000），最多 40 百万像素');
  });

  it('gives a *_not_found code 404 wherever the missing thing was named', () => {
    for (const code of ERROR_CODES.filter((c) => c.endsWith('_not_found') && c !== 'station_photo_not_found')) expect([code, ERROR_HTTP_STATUS[code]]).toEqual([code, 404]);
  });

  it('tells codes of the catalogue from other strings', () => {
    expect(isErrorCode('area_not_found')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(42)).toBe(false);
  });
});

describe('validation messages', () => {
  const CONSTRAINTS = [
    UNKNOWN_FIELD_CONSTRAINT, NOT_NULL_CONSTRAINT, 'isDefined', 'isNotEmpty', 'required', 'once', 'isInt', 'isNumber', 'isPositive', 'isString', 'isBoolean', 'min', 'max', 'range',
    'minLength', 'maxLength', 'isLength', 'isIn', 'isEnum', 'isArray', 'arrayMinSize', 'arrayMaxSize', 'arrayUnique', 'isISO8601', 'matches', 'isLatitude', 'isLongitude',
    'isLatInChina', 'inChina', 'isBoundaryRing', 'isOpeningHours', 'isClosures', 'nestedValidation', 'positiveId', 'someFutureConstraint',
  ];

  it.each(Object.keys(FIELD_LABELS).map((f) => [f]))('every constraint on %s reads as Chinese and never names the raw field', (field) => {
    for (const c of CONSTRAINTS) {
      const text = constraintMessage(c, field, [20, 40]);
      expectChinese(text);
      if (field.length >= 3) expect(text).not.toContain(field);
    }
  });

  it('names the label and its unit', () => {
    expect(constraintMessage('min', 'radiusM', [20])).toBe('搜索半径不能小于 20 米');
    expect(constraintMessage('arrayMaxSize', 'mediaIds', [3])).toBe('照片最多 3 张');
    expect(constraintMessage('isInt', 'hours.2.day')).toBe('开放时间必须是整数');
  });

  it('uses a generic word for a field without a label rather than its raw name', () => {
    expect(fieldLabel('someNewField').label).toBe('参数');
    expect(fieldLabel('toString').label).toBe('参数');
  });
});
