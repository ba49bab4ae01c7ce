import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { installPrivacyListener } from './utils/privacy';
import { fitRootFontSize } from './utils/root-font-size';
import './app.scss';

fitRootFontSize();

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    installPrivacyListener();
  });
  return children;
}

export default App;
