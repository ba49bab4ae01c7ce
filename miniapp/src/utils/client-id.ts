import Taro from '@tarojs/taro';

const KEY = 'xjy.clientId';

/**
 * A per-install id, made once and kept in storage, sent with check-ins and sign-outs: one phone checking in several
 * accounts is flagged for review (待核实). Not a secret and not an identity, only "the same install again".
 */
export function clientId(): string {
  const kept = Taro.getStorageSync<string>(KEY);
  if (typeof kept === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(kept)) return kept;
  const made = `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}${Math.random().toString(36).slice(2, 12)}`;
  Taro.setStorageSync(KEY, made);
  return made;
}
