import { REPORT_DESCRIPTION_MAX } from '@xjy/shared';
import { AppException } from '../../common/app.exception';

/** POST requests.json's fields (form-encoded or JSON), as the spec names them. */
export interface Open311PostFields {
  api_key: string;
  service_code: string;
  lat: number;
  long: number;
  description: string;
}

/** Reads and checks the fields; every problem is named (as validation_failed details) in one answer. */
export function parsePostFields(body: unknown): Open311PostFields {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const problems: Array<{ field: string; message: string }> = [];
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).trim() : typeof b[k] === 'number' ? String(b[k]) : '');
  const num = (k: string, min: number, max: number, label: string) => {
    const s = str(k);
    const n = s === '' ? NaN : Number(s);
    if (!Number.isFinite(n) || n < min || n > max) problems.push({ field: k, message: `${label}必须是 ${min} 到 ${max} 之间的数字` });
    return n;
  };
  const api_key = str('api_key');
  if (!api_key) problems.push({ field: 'api_key', message: '缺少接口密钥' });
  const service_code = str('service_code');
  if (!service_code) problems.push({ field: 'service_code', message: '缺少服务类别' });
  const lat = num('lat', -90, 90, '纬度');
  const long = num('long', -180, 180, '经度');
  const description = str('description');
  if (!description) problems.push({ field: 'description', message: '缺少问题描述' });
  else if (description.length > REPORT_DESCRIPTION_MAX) problems.push({ field: 'description', message: `问题描述最多 ${REPORT_DESCRIPTION_MAX} 个字` });
  if (problems.length) throw new AppException('validation_failed', { fields: problems }, problems.map((p) => p.message).join('；'));
  return { api_key, service_code, lat, long, description };
}
