import { useRef } from 'react';
import Taro from '@tarojs/taro';

/** Runs when the page comes back into view (tab switch, back navigation), not on its first show. */
export function useReshow(callback: () => void): void {
  const shown = useRef(false);
  const latest = useRef(callback);
  latest.current = callback;
  Taro.useDidShow(() => {
    if (shown.current) latest.current();
    shown.current = true;
  });
}
