import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

interface Props {
  id?: string;
  onClick: () => void;
  children: ReactNode;
  light?: boolean;
  small?: boolean;
  disabled?: boolean;
  /** a request it started is under way: a spinner shows, and taps are ignored until it ends */
  loading?: boolean;
}

/**
 * A large tap target (a View, so it looks the same in weapp and H5). While `loading`, it spins and
 * ignores taps (useAction also drops a second run), so a slow network does not invite a second tap.
 */
export function Button({ id, onClick, children, light, small, disabled, loading }: Props) {
  const off = disabled || loading;
  const cls = ['btn', light ? 'btn-light' : '', small ? 'btn-small' : '', off ? 'btn-disabled' : ''].filter(Boolean).join(' ');
  return (
    <View
      id={id}
      className={cls}
      hoverClass={off ? 'none' : 'btn-hover'}
      role="button"
      aria-disabled={off ? true : undefined}
      onClick={() => {
        if (!off) onClick();
      }}
    >
      {loading && <View className="btn-spinner" />}
      {children}
    </View>
  );
}
