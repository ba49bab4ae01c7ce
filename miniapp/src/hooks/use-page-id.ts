import Taro from '@tarojs/taro';

/** The positive integer id a page was opened with (?id=12), or null when it is missing or malformed. */
export function usePageId(name = 'id'): number | null {
  const raw = Taro.useRouter().params[name];
  const id = Number(raw);
  return raw && Number.isInteger(id) && id > 0 ? id : null;
}
