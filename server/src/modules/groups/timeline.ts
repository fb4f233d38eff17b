/**
 * Reading a group: a page of messages after a seq (a phone's sync), with the group's summary.
 * The message log itself (blocks, appends, hiding) is log.ts.
 */
import type { Principal } from '../../shared/principal';
import { GroupMemberModel } from './model';
import { describeMessage, pageAfter } from './log';
import { canModerate } from './policy';
import { groupPlace, summarise } from './places';
import { standingIn } from './positions';

export async function messages(principal: Principal, groupCode: string, after: number, limit: number) {
  const place = await groupPlace(groupCode);
  const { standing } = await standingIn(groupCode, principal.userId, principal.grants);
  const { docs, hasMore, lastSeq } = await pageAfter(groupCode, after, limit);
  const pending = canModerate(standing) ? await GroupMemberModel.countDocuments({ groupCode, status: 'pending' }) : 0;
  return {
    group: summarise(groupCode, place.name, standing, lastSeq, pending),
    items: docs.map(describeMessage),
    hasMore,
  };
}
