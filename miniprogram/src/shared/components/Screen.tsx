import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { LARGE_CLASS, useLargeText } from '../textSize';

/**
 * The root of every page: the page's padding and background, and the large-text class when the
 * person (or the phone's font setting) asks for it (shared/textSize.ts). One place, so a new page
 * gets large text by using it.
 */
export function Screen({ id, children }: { id?: string; children: ReactNode }) {
  const large = useLargeText();
  return (
    <View id={id} className={large ? `page ${LARGE_CLASS}` : 'page'}>
      {children}
    </View>
  );
}
