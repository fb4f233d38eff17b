import { useEffect, type PropsWithChildren } from 'react';
import Taro, { usePageNotFound } from '@tarojs/taro';
import { PAGES } from './shared/nav';
import './app.css';

function App({ children }: PropsWithChildren) {
  // an address that does not exist (an old shared link, a mistyped H5 address) says so and leads
  // on; WeChat requires the redirect to happen synchronously in this callback
  usePageNotFound(() => {
    void Taro.redirectTo({ url: PAGES.notFound }).catch(() => Taro.reLaunch({ url: PAGES.notFound }));
  });
  // H5: the splash index.html paints before any script arrives goes once the first page is drawn
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') document.getElementById('vc-splash')?.remove();
  }, []);
  return children;
}

export default App;
