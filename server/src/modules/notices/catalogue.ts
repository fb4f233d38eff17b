/** The promised notices (types/src/notices/catalogue.ts) with this server's template ids. */
import { NOTICE_KEYS, NOTICES, type NoticeKey } from '@vc/types';
import type { Config } from '../../config';
import type { Grant } from '../../shared/scope';

/** The notices that concern a person with these grants, in catalogue order. */
export function relevantNotices(grants: readonly Grant[]): NoticeKey[] {
  return NOTICE_KEYS.filter((key) => {
    const roles = NOTICES[key].forRoles;
    return roles === 'everyone' || grants.some((g) => roles.includes(g.role));
  });
}

/** Template ids this server knows, each with the notices it serves (one id may serve several). */
export function knownTemplates(config: Pick<Config, 'noticeTemplates'>): Map<string, NoticeKey[]> {
  const known = new Map<string, NoticeKey[]>();
  for (const key of NOTICE_KEYS) {
    const id = config.noticeTemplates[key];
    known.set(id, [...(known.get(id) ?? []), key]);
  }
  return known;
}
