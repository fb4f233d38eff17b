import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LARGE_CLASS, useLargeText } from '../textSize';

/**
 * The root of every page: the page's padding and background, the large-text class when the person
 * (or the phone's font setting) asks for it (shared/textSize.ts), the language's class (its font and
 * line height, app.css) and the title bar in the person's language (the page config can only hold
 * the Chinese). One place, so a new page gets all of them by using it.
 */
export function Screen({ id, title, children }: { id?: string; title?: string; children: ReactNode }) {
  const large = useLargeText();
  const { i18n } = useTranslation();
  useEffect(() => {
    if (title) void Taro.setNavigationBarTitle({ title }).catch(() => undefined);
  }, [title]);
  const classes = ['page', `lang-${i18n.language}`, large ? LARGE_CLASS : ''].filter(Boolean).join(' ');
  return (
    <View id={id} className={classes}>
      {children}
    </View>
  );
}
