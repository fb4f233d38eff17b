/**
 * The quota of one person per template: accepts not yet used. Using one is a claim on the accept's
 * id under a unique `_id` (store/duplicates.ts), so concurrent sends never spend one accept twice.
 * Plain MongoDB equivalent: `findOneAndUpdate({ userId, templateId, used: false }, { $set: { used: true } })`.
 */
import { Types } from 'mongoose';
import { isDuplicateKey } from '../../store/duplicates';
import { NoticeConsentModel, NoticeUseModel, type NoticeConsentDoc } from './model';

async function unusedAccepts(userId: string, templateId?: string): Promise<NoticeConsentDoc[]> {
  const user = new Types.ObjectId(userId);
  const [accepts, uses] = await Promise.all([
    NoticeConsentModel.find({ userId: user, result: 'accept', ...(templateId ? { templateId } : {}) }).lean<NoticeConsentDoc[]>(),
    NoticeUseModel.find({ userId: user, ...(templateId ? { templateId } : {}) }, { _id: 1 }).lean<{ _id: string }[]>(),
  ]);
  const used = new Set(uses.map((u) => u._id));
  return accepts.filter((a) => !used.has(String(a._id))).sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** Sends still allowed per template id. */
export async function quotas(userId: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const a of await unusedAccepts(userId)) counts.set(a.templateId, (counts.get(a.templateId) ?? 0) + 1);
  return counts;
}

/** Takes one send (oldest accept first); null when none is left. */
export async function takeOne(userId: string, templateId: string): Promise<string | null> {
  for (const accept of await unusedAccepts(userId, templateId)) {
    const id = String(accept._id);
    try {
      await NoticeUseModel.create({ _id: id, userId: accept.userId, templateId, reason: 'send', at: new Date() });
      return id;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
      // another send took this accept first: try the next
    }
  }
  return null;
}

/** Gives a send back (WeChat did not deliver for a reason other than the person's subscription). */
export async function giveBack(useId: string): Promise<void> {
  await NoticeUseModel.deleteOne({ _id: useId });
}

/** WeChat says the person is not subscribed (43101): every accept left is void. */
export async function clear(userId: string, templateId: string): Promise<void> {
  for (const accept of await unusedAccepts(userId, templateId)) {
    await NoticeUseModel.create({
      _id: String(accept._id),
      userId: accept.userId,
      templateId,
      reason: 'cleared',
      at: new Date(),
    }).catch((err: unknown) => {
      if (!isDuplicateKey(err)) throw err;
    });
  }
}
