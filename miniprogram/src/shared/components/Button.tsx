import { View } from '@tarojs/components';
import type { ReactNode } from 'react';

interface Props {
  id?: string;
  onClick: () => void;
  children: ReactNode;
  light?: boolean;
  small?: boolean;
  disabled?: boolean;
}

/** A large tap target (a View, so it looks the same in weapp and H5). */
export function Button({ id, onClick, children, light, small, disabled }: Props) {
  const cls = ['btn', light ? 'btn-light' : '', small ? 'btn-small' : '', disabled ? 'btn-disabled' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <View
      id={id}
      className={cls}
      hoverClass="btn-hover"
      role="button"
      aria-disabled={disabled ? true : undefined}
      onClick={() => {
        if (!disabled) onClick();
      }}
    >
      {children}
    </View>
  );
}
