/**
 * A group's message log: messages numbered 1, 2, 3 … per group (store/sequence.ts), read by
 * blocks of SEQ_BLOCK seqs (one indexed equality each), appended without gaps or repeats across
 * server processes, and hidden (never deleted) with a notice so synced phones hide them too.
 * The use cases (reading, posting, moderating) are in timeline.ts, posting.ts and moderation.ts.
 */
import { Types } from 'mongoose';
import type { GroupMessage } from '@vc/types';
import { AppError } from '../../shared/errors';
import { createSequence, SequenceBusyError } from '../../store/sequence';
import { GroupMessageModel, SEQ_BLOCK, type GroupMessageDoc } from './model';
import { countyOf } from './membership-rule';
import { monthOf } from '../../shared/periods';

/** Each group's messages are numbered 1, 2, 3 … (store/sequence.ts); lists read heads per county. */
const messageSeq = createSequence('group_messages', async (groupCode, seq) =>
  Boolean(await GroupMessageModel.exists({ groupCode, seq })),
);

/** The last seq of every group of a county, from the head hints, in one query (for lists). */
export const lastSeqHints = (countyCode: string) => messageSeq.hintsInScope(countyCode);

export function describeMessage(m: GroupMessageDoc): GroupMessage {
  return {
    seq: m.seq,
    kind: m.kind,
    authorId: m.authorId ? String(m.authorId) : null,
    authorName: m.authorName,
    authorRole: m.authorRole,
    // what was removed or taken private stays on record but is never shown again
    text: m.state === 'visible' ? m.text : null,
    state: m.state,
    targetSeq: m.targetSeq,
    targetState: m.targetState ?? null,
    at: m.at.toISOString(),
    clientKey: m.kind === 'text' ? m.clientKey : null,
    // only on shared articles, so every other message reads as before
    ...(m.articleId ? { articleId: String(m.articleId) } : {}),
  };
}

/**
 * A page of messages after `after`. Seqs are contiguous, so the page lies in the blocks from
 * `after + 1` on: each block is one indexed equality query, read until the page is full or a
 * block is not (it is then the last), so a sync reads at most three blocks however long the group.
 */
async function messagesAfter(groupCode: string, after: number, want: number): Promise<GroupMessageDoc[]> {
  const found: GroupMessageDoc[] = [];
  for (let block = Math.floor((after + 1) / SEQ_BLOCK); found.length < want; block++) {
    const docs = await GroupMessageModel.find({ groupCode, block }).lean<GroupMessageDoc[]>();
    for (const d of docs.sort((a, b) => a.seq - b.seq)) if (d.seq > after && found.length < want) found.push(d);
    // the block ends at seq (block + 1) * SEQ_BLOCK - 1 (block 0 starts at 1, so counting its
    // documents would be wrong): until that seq exists, nothing follows this block
    if (!docs.some((d) => d.seq === (block + 1) * SEQ_BLOCK - 1)) break;
  }
  for (const d of found) messageSeq.saw(groupCode, d.seq);
  return found;
}

/** A page of up to `limit` messages after `after`, whether more follow, and the group's last seq. */
export async function pageAfter(groupCode: string, after: number, limit: number) {
  const docs = await messagesAfter(groupCode, after, limit + 1);
  const hasMore = docs.length > limit;
  // a page that is not full ends at the last message; a full one needs the last looked up
  const lastSeq = hasMore
    ? await messageSeq.last(groupCode)
    : docs.length
      ? docs[docs.length - 1]!.seq
      : await lastWhenNoneAfter(groupCode, after);
  return { docs: docs.slice(0, limit), hasMore, lastSeq };
}

/** Nothing follows `after`: the last is `after` if it exists (known to this process, or one lookup). */
async function lastWhenNoneAfter(groupCode: string, after: number): Promise<number> {
  if (after > 0 && (messageSeq.known(groupCode) === after || (await GroupMessageModel.exists({ groupCode, seq: after })))) {
    messageSeq.saw(groupCode, after);
    return after;
  }
  return messageSeq.last(groupCode);
}

/**
 * Appends a message with the next seq (store/sequence.ts: no gaps, no repeats across processes).
 * The same (author, clientKey) arriving twice is the other unique index: the first message
 * answers (`created: false`).
 */
export async function append(
  doc: Omit<GroupMessageDoc, '_id' | 'seq' | 'block' | 'at' | 'state' | 'targetState' | 'countyCode' | 'month' | 'articleId'> &
    Partial<Pick<GroupMessageDoc, 'state' | 'targetState' | 'articleId'>>,
): Promise<{ message: GroupMessageDoc; created: boolean }> {
  try {
    const { doc: message, created } = await messageSeq.append(
      doc.groupCode,
      countyOf(doc.groupCode),
      async (seq) => {
        const at = new Date();
        const stamp = { at, countyCode: countyOf(doc.groupCode), month: monthOf(at) };
        return (
          await GroupMessageModel.create({ ...doc, ...stamp, seq, block: Math.floor(seq / SEQ_BLOCK) })
        ).toObject<GroupMessageDoc>();
      },
      doc.authorId
        ? () =>
            GroupMessageModel.findOne({
              groupCode: doc.groupCode,
              authorId: doc.authorId,
              clientKey: doc.clientKey,
            }).lean<GroupMessageDoc>()
        : undefined,
    );
    return { message, created };
  } catch (err) {
    if (err instanceof SequenceBusyError) throw new AppError('GROUP_BUSY');
    throw err;
  }
}

export async function notice(
  groupCode: string,
  text: string,
  target: { seq: number; state: 'removed' | 'private' } | null = null,
) {
  return append({
    groupCode,
    kind: 'notice',
    authorId: null,
    authorName: '系统消息',
    authorRole: '系统',
    text,
    targetSeq: target?.seq ?? null,
    targetState: target?.state ?? null,
    clientKey: `notice-${new Types.ObjectId().toHexString()}`,
  });
}

export async function visibleMessage(groupCode: string, seq: number) {
  const message = await GroupMessageModel.findOne({ groupCode, seq }).lean<GroupMessageDoc>();
  if (!message || message.kind !== 'text') throw new AppError('MESSAGE_NOT_FOUND');
  if (message.state !== 'visible') throw new AppError('MESSAGE_ALREADY_REMOVED');
  return message;
}

/** Hides a message (its text stays on record) and tells the group, so synced phones hide it too. */
export async function hideMessage(message: GroupMessageDoc, state: 'removed' | 'private', noticeText: string) {
  const result = await GroupMessageModel.updateOne({ _id: message._id, state: 'visible' }, { $set: { state } });
  if (result.modifiedCount === 0) throw new AppError('MESSAGE_ALREADY_REMOVED');
  await notice(message.groupCode, noticeText, { seq: message.seq, state });
  return { ...message, state };
}

/**
 * Messages stored before they carried their county and month (the monthly inspection reads a
 * county's month by those two equalities): stamped once at start, in batches, so the inspection
 * counts them too. Nothing to do after the first start.
 */
export async function stampOlderMessages(batchSize = 500): Promise<number> {
  let stamped = 0;
  for (;;) {
    const batch = await GroupMessageModel.find({ countyCode: null }, { groupCode: 1, at: 1 }).limit(batchSize).lean();
    if (batch.length === 0) return stamped;
    await GroupMessageModel.bulkWrite(
      batch.map((m) => ({
        updateOne: { filter: { _id: m._id }, update: { $set: { countyCode: countyOf(m.groupCode), month: monthOf(m.at) } } },
      })),
    );
    stamped += batch.length;
  }
}
