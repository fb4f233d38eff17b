import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { Me } from '@vc/types';
import { call } from '../../shared/api';
import { replaceWith } from '../../shared/nav';
import { getSession, updateUser } from '../../shared/session';

/** Holds a role other than villager (a counsel registered in a county counts, with or without villages yet). */
export function isStaff(user: Me): boolean {
  return user.roles.some((g) => g.role !== 'villager') || (user.heldRoles ?? []).length > 0;
}

/**
 * The person on the tab pages (首页, 办事): to the login page without a session, to binding a village
 * for a villager without one; refreshed from the server each time the page shows (roles or the
 * village may have changed), with the stored copy shown meanwhile.
 */
export function useSignedInUser(onShown?: (user: Me) => void): Me | null {
  const [user, setUser] = useState<Me | null>(() => getSession()?.user ?? null);

  function route(me: Me): boolean {
    if (!isStaff(me) && !me.village) {
      replaceWith('bind');
      return false;
    }
    return true;
  }

  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    if (!route(session.user)) return;
    setUser(session.user);
    onShown?.(session.user);
    call('me')
      .then((me) => {
        updateUser(me);
        if (route(me)) setUser(me);
      })
      .catch((e: { status?: number }) => {
        if (e.status === 401) replaceWith('login');
      });
  });
  return user;
}
