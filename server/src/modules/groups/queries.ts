/**
 * How other modules read and change what groups hold about one person (they never import
 * groups/model.ts): the privacy module's data copy and account cancellation (issue 13).
 * A person's messages are found by the groups they have a record in (`userId` equality, indexed),
 * then by (groupCode, authorId), the prefix of a unique index: two queries whatever the count.
 */
import type { Types } from 'mongoose';
import { HeldPostModel, GroupMemberModel, GroupMessageModel } from './model';
import { moderatingOffice } from './membership-rule';
import { placesOfCounty } from '../places/lookup';
import { monthOf } from '../../shared/periods';
import { ONE_BATCH } from '../../store/batch';

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

// --- the monthly inspection (issue 16 item 6), read by the inspections module ---

/** A village group as the inspection lists it. */
export interface VillageGroup {
  groupCode: string;
  villageName: string;
  townshipCode: string;
}

/**
 * The county's village groups: one per village (a group is named by its place's code and needs no
 * record), ordered by code; one indexed query (places by county and level), whatever their number.
 */
export async function villageGroupsOf(countyCode: string): Promise<VillageGroup[]> {
  const villages = await placesOfCounty(countyCode, 'village');
  return villages.map((v) => ({ groupCode: v.code, villageName: v.name, townshipCode: v.townshipCode ?? v.code.slice(0, 9) }));
}

/** What happened in a group in a month, for the inspector. */
export interface MonthFacts {
  posts: number;
  removedPosts: number;
  privatePosts: number;
  heldPosts: number;
  rejectedPosts: number;
}
const noFacts = (): MonthFacts => ({ posts: 0, removedPosts: 0, privatePosts: 0, heldPosts: 0, rejectedPosts: 0 });

/**
 * The month's facts of the county's groups asked for, by group code: two queries per county
 * whatever the number of groups (messages by county and month; held posts by county), each an
 * indexed equality (FerretDB pushes down nothing else); the month and the groups narrow in
 * memory. Groups with nothing in the month get zeros.
 */
export async function monthFactsOf(
  countyCode: string,
  month: string,
  groupCodes: readonly string[],
): Promise<Map<string, MonthFacts>> {
  const facts = new Map(groupCodes.map((code) => [code, noFacts()]));
  const [messages, held] = await Promise.all([
    GroupMessageModel.find({ countyCode, month }, { _id: 0, groupCode: 1, kind: 1, state: 1 }).batchSize(ONE_BATCH).lean(),
    HeldPostModel.find({ countyCode }, { _id: 0, groupCode: 1, status: 1, at: 1 }).batchSize(ONE_BATCH).lean(),
  ]);
  for (const m of messages) {
    const f = facts.get(m.groupCode);
    if (!f || m.kind !== 'text') continue;
    f.posts++;
    if (m.state === 'removed') f.removedPosts++;
    if (m.state === 'private') f.privatePosts++;
  }
  for (const h of held) {
    const f = facts.get(h.groupCode);
    if (!f || monthOf(h.at) !== month) continue;
    f.heldPosts++;
    if (h.status === 'rejected') f.rejectedPosts++;
  }
  return facts;
}
