/**
 * How other modules read and change what groups hold about one person (they never import
 * groups/model.ts): the privacy module's data copy and account cancellation (issue 13).
 * A person's messages are found by the groups they have a record in (`userId` equality, indexed),
 * then by (groupCode, authorId), the prefix of a unique index: two queries whatever the count.
 */
import type { Types } from 'mongoose';
import { HeldPostModel, GroupMemberModel, GroupMessageModel } from './model';
import { moderatingOffice } from './membership-rule';

/**
 * The groups a person may have written in: those they have a record in, and those of the places
 * given (`places`: their village and roles' places; membership by position has no record, and a
 * group's code is its place's code).
 */
async function groupsOf(userId: Types.ObjectId, places: readonly string[]): Promise<string[]> {
  const records = await GroupMemberModel.find({ userId }, { groupCode: 1 }).lean();
  const byPosition = places.flatMap((code) => (code.length === 12 ? [code, code.slice(0, 9)] : code ? [code] : []));
  return [...new Set([...records.map((r) => r.groupCode), ...byPosition])];
}

/** The messages a person wrote, in the groups they have a record in, for their data copy. */
export async function postsBy(userId: Types.ObjectId, places: readonly string[]) {
  const groups = await groupsOf(userId, places);
  if (!groups.length) return [];
  return GroupMessageModel.find(
    { groupCode: { $in: groups }, authorId: userId },
    { groupCode: 1, seq: 1, text: 1, state: 1, at: 1 },
  )
    .sort({ at: -1 })
    .lean();
}

/**
 * A cancelled person: the name on their messages (copied when posted) becomes the anonymous one;
 * the messages stay (the group's record), and their memberships end ('left'), so member lists no
 * longer show them. Held posts keep their place in moderation under the anonymous name too.
 */
export async function forgetAuthor(userId: Types.ObjectId, places: readonly string[], anonymousName: string): Promise<void> {
  const groups = await groupsOf(userId, places);
  if (!groups.length) return;
  await GroupMessageModel.updateMany({ groupCode: { $in: groups }, authorId: userId }, { $set: { authorName: anonymousName } });
  await HeldPostModel.updateMany({ groupCode: { $in: groups }, authorId: userId }, { $set: { authorName: anonymousName } });
  await GroupMemberModel.updateMany(
    { userId, status: { $in: ['active', 'muted', 'pending'] } },
    { $set: { status: 'left', since: new Date(), note: '账号已注销' } },
  );
}

// --- to-do (issue 14 item 4), read by the todo module ---

/** What waits for a township office's moderators in its own and its villages' groups. */
export interface ModerationQueue {
  joins: { groupCode: string; userId: Types.ObjectId; at: Date }[];
  held: { id: string; groupCode: string; text: string; cause: string; at: Date }[];
}

/**
 * Pending join requests and held posts of the groups township offices lead (the township's group
 * and its villages' groups: codes beginning with the township's), oldest first, per township.
 * One query of each kind per county (`countyCode`, `status` equalities, indexed), whatever the
 * number of townships, groups or items.
 */
export async function moderationQueues(townshipCodes: readonly string[]): Promise<Map<string, ModerationQueue>> {
  const queues = new Map<string, ModerationQueue>(townshipCodes.map((code) => [code, { joins: [], held: [] }]));
  const counties = [...new Set(townshipCodes.map((code) => code.slice(0, 6)))];
  const [members, held] = await Promise.all([
    Promise.all(
      counties.map((countyCode) =>
        GroupMemberModel.find({ countyCode, status: 'pending' }, { groupCode: 1, userId: 1, since: 1 }).lean(),
      ),
    ),
    Promise.all(
      counties.map((countyCode) =>
        HeldPostModel.find({ countyCode, status: 'held' }, { groupCode: 1, text: 1, cause: 1, at: 1 }).lean(),
      ),
    ),
  ]);
  const queueOf = (groupCode: string) => {
    const office = moderatingOffice(groupCode);
    return 'townshipCode' in office ? queues.get(office.townshipCode) : undefined;
  };
  for (const m of members.flat())
    queueOf(m.groupCode)?.joins.push({ groupCode: m.groupCode, userId: m.userId, at: m.since ?? new Date(0) });
  for (const h of held.flat())
    queueOf(h.groupCode)?.held.push({ id: String(h._id), groupCode: h.groupCode, text: h.text, cause: h.cause, at: h.at });
  for (const queue of queues.values()) {
    queue.joins.sort((a, b) => a.at.getTime() - b.at.getTime());
    queue.held.sort((a, b) => a.at.getTime() - b.at.getTime());
  }
  return queues;
}
