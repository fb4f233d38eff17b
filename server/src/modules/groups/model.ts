import { Schema, model } from 'mongoose';
import type { Stored } from '../../store/documents';

/**
 * Group messages. `seq` numbers each group's messages 1, 2, 3 … The unique index on
 * (groupCode, seq) is what serialises concurrent posts (FerretDB does not make $inc atomic):
 * see store/sequence.ts.
 */
const messageFields = {
  groupCode: { type: String, required: true },
  seq: { type: Number, required: true },
  /** floor(seq / SEQ_BLOCK): a sync reads one or two blocks by equality instead of a range (store/README.md rule 1) */
  block: { type: Number, required: true },
  kind: { type: String, enum: ['text', 'notice'] as const, required: true },
  authorId: { type: Schema.Types.ObjectId, default: null },
  authorName: { type: String, required: true },
  authorRole: { type: String, required: true },
  text: { type: String, required: true },
  /** removed by a moderator or taken private: the text stays on record but is no longer shown */
  state: { type: String, enum: ['visible', 'removed', 'private'] as const, default: 'visible' },
  targetSeq: { type: Number, default: null },
  /** for notices about an earlier message: what became of it, so phones need not read the text */
  targetState: { type: String, enum: ['removed', 'private', null] as const, default: null },
  clientKey: { type: String, required: true },
  /** a message sharing a legal-education article (articles module): the article it links to */
  articleId: { type: Schema.Types.ObjectId, default: null },
  at: { type: Date, default: () => new Date() },
  /**
   * the group's county and the Beijing month of `at` (YYYY-MM): the monthly inspection reads a
   * county's month of messages by these two equalities (FerretDB pushes down nothing else).
   * Null on messages stored before they were added; those are not counted.
   */
  countyCode: { type: String, default: null },
  month: { type: String, default: null },
};
const messageSchema = new Schema(messageFields, { collection: 'group_messages', versionKey: false });
messageSchema.index({ groupCode: 1, seq: 1 }, { unique: true });
messageSchema.index({ groupCode: 1, block: 1 });
messageSchema.index({ groupCode: 1, authorId: 1, clientKey: 1 }, { unique: true });
messageSchema.index({ countyCode: 1, month: 1 });
export const GroupMessageModel = model('GroupMessage', messageSchema);

/** Messages per block: a page of up to 200 (the contract's limit) spans at most three blocks. */
export const SEQ_BLOCK = 128;

/** As `.lean()` reads it, derived from the schema. */
export type GroupMessageDoc = Stored<typeof messageFields>;

/** The recorded part of membership; position-based membership needs no record (policy.ts). */
const memberSchema = new Schema(
  {
    groupCode: { type: String, required: true },
    /** the group's county (its code's first 6 digits): moderators' lists ask by county, an indexed equality */
    countyCode: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: ['pending', 'active', 'muted', 'removed', 'refused', 'left'] as const, required: true },
    note: { type: String, default: null },
    since: { type: Date, default: () => new Date() },
    /** a mute with a duration ends then (policy.ts statusAt reads it; no job lifts it); null otherwise */
    mutedUntil: { type: Date, default: null },
  },
  { collection: 'group_members', versionKey: false },
);
memberSchema.index({ groupCode: 1, userId: 1 }, { unique: true });
memberSchema.index({ userId: 1 });
memberSchema.index({ groupCode: 1, status: 1 });
memberSchema.index({ countyCode: 1, status: 1 });
export const GroupMemberModel = model('GroupMember', memberSchema);

/** Every membership change and moderation action: who, when, why. Append-only. */
const actionSchema = new Schema(
  {
    groupCode: { type: String, required: true },
    action: { type: String, required: true },
    targetUserId: { type: Schema.Types.ObjectId, default: null },
    seq: { type: Number, default: null },
    by: { type: Schema.Types.ObjectId, required: true },
    reason: { type: String, default: null },
    /** for a mute with a duration: when it ends */
    until: { type: Date, default: null },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'group_actions', versionKey: false },
);
actionSchema.index({ groupCode: 1, at: -1 });
export const GroupActionModel = model('GroupAction', actionSchema);

/** Posts the content check did not pass, waiting for a moderator. They have no seq until released. */
const heldSchema = new Schema(
  {
    groupCode: { type: String, required: true },
    /** the group's county, as on member records */
    countyCode: { type: String, required: true },
    authorId: { type: Schema.Types.ObjectId, required: true },
    authorName: { type: String, required: true },
    authorRole: { type: String, required: true },
    clientKey: { type: String, required: true },
    text: { type: String, required: true },
    cause: { type: String, enum: ['risky', 'review', 'check_unavailable'] as const, required: true },
    status: { type: String, enum: ['held', 'released', 'rejected'] as const, default: 'held' },
    decidedBy: { type: Schema.Types.ObjectId, default: null },
    decidedAt: { type: Date, default: null },
    reason: { type: String, default: null },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'group_held_posts', versionKey: false },
);
heldSchema.index({ groupCode: 1, authorId: 1, clientKey: 1 }, { unique: true });
heldSchema.index({ status: 1, groupCode: 1 });
heldSchema.index({ countyCode: 1, status: 1 });
export const HeldPostModel = model('GroupHeldPost', heldSchema);
