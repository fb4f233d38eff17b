import { useCallback, useEffect, useRef } from 'react';
import Taro from '@tarojs/taro';
import type { NoticeKey, NoticeStatus, SubscribeResult } from '@vc/types';
import { SUBSCRIBE_RESULTS, MAX_TEMPLATES_PER_REQUEST } from '@vc/types/src/constants';
import { call } from '../api';
import { newClientKey } from '../clientKey';
import { getSession } from '../session';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/**
 * Asks WeChat's subscribe sheet about these templates and tells the server what the person chose
 * (POST /api/me/notices). Call it FIRST in the tap handler, before any await: WeChat shows the
 * sheet only from the person's own tap. Never rejects: a refusal, a failure or an unreachable
 * server resolve with what is known (null: nothing answered), so the action goes on regardless.
 */
export function askToSubscribe(templateIds: readonly string[]): Promise<Record<string, SubscribeResult> | null> {
  const tmplIds = templateIds.filter((id, i) => id && templateIds.indexOf(id) === i).slice(0, MAX_TEMPLATES_PER_REQUEST);
  if (!IS_WEAPP || tmplIds.length === 0) return Promise.resolve(null);
  return new Promise<Record<string, unknown> | null>((resolve) => {
    Taro.requestSubscribeMessage({
      tmplIds,
      entityIds: [],
      success: (res) => resolve(res as Record<string, unknown>),
      fail: () => resolve(null),
    }).catch(() => resolve(null));
  }).then((answer) => {
    const results: Record<string, SubscribeResult> = {};
    for (const id of tmplIds) {
      const r = answer?.[id];
      if ((SUBSCRIBE_RESULTS as readonly unknown[]).includes(r)) results[id] = r as SubscribeResult;
    }
    if (Object.keys(results).length === 0) return null;
    return call('recordNotices', { body: { clientKey: newClientKey('ns'), results } }).then(
      () => results,
      () => results,
    );
  });
}

/**
 * For a page whose action promises notices: loads the template ids of `keys` that concern the
 * person (they come from the server, never from the app) and gives `ask()`, to call first in the
 * action's tap handler; the action then runs whether the person accepts or not.
 */
export function useSubscribe(keys: readonly NoticeKey[]): { ask: () => Promise<unknown> } {
  const templates = useRef<string[]>([]);
  const wanted = keys.join(',');
  useEffect(() => {
    if (!IS_WEAPP || !getSession()) return;
    const want = wanted.split(',');
    call('myNotices')
      .then((reply) => {
        templates.current = reply.items.filter((n: NoticeStatus) => want.includes(n.key)).map((n) => n.templateId);
      })
      .catch(() => undefined);
  }, [wanted]);
  const ask = useCallback(() => askToSubscribe(templates.current), []);
  return { ask };
}
