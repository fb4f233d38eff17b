/**
 * How other modules read and change what groups hold about one person (they never import
 * groups/model.ts): the privacy module's data copy and account cancellation (issue 13).
 * A person's messages are found by the groups they have a record in (`userId` equality, indexed),
 * then by (groupCode, authorId), the prefix of a unique index: two queries whatever the count.
 */
import type { Types } from 'mongoose';
import { HeldPostModel, GroupMemberModel, GroupMessageModel } from './model';

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
