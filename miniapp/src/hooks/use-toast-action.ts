import { useState } from 'react';
import Taro from '@tarojs/taro';
import { errorMessage } from '../services/http';

/** One request at a time from a button: `busy` while it runs; a failure is said in a toast. */
export function useToastAction() {
  const [busy, setBusy] = useState(false);
  const run = async <T>(call: () => Promise<T>, then: (result: T) => void): Promise<void> => {
    setBusy(true);
    try {
      then(await call());
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
