import type { PropsWithChildren } from 'react';
import Taro, { useLaunch, usePageNotFound } from '@tarojs/taro';
import { makePagesFocusable } from './utils/page-focus';
import { installPrivacyListener } from './utils/privacy';
import { fitRootFontSize } from './utils/root-font-size';
import { ROUTES } from './utils/routes';
import './app.scss';

fitRootFontSize();
makePagesFocusable();

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    installPrivacyListener();
  });
  // An address that is no page (a mistyped or outdated link) shows 页面不存在 with a way home, never a blank screen.
  usePageNotFound(() => {
    void Taro.redirectTo({ url: ROUTES.notFound }).catch(() => Taro.reLaunch({ url: ROUTES.notFound }));
  });
  return children;
}

export default App;
