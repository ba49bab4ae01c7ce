import Taro from '@tarojs/taro';

const KEY = 'xjy.stationsMap';

/**
 * Whether 驿站 opens with its map. The rider's own choice is kept; before any choice, the mini-program shows its
 * native map (nothing to download), while H5 lists the stations first: its map is a 40 KB library plus a screenful of
 * tiles, several seconds on a weak phone network before the list, which answers "which station is nearest", needs none.
 */
export function mapShownAtStart(): boolean {
  const kept = Taro.getStorageSync<string>(KEY);
  if (kept === 'shown' || kept === 'hidden') return kept === 'shown';
  return process.env.TARO_ENV !== 'h5';
}

export function rememberMapShown(shown: boolean): void {
  Taro.setStorageSync(KEY, shown ? 'shown' : 'hidden');
}
