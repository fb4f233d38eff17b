/**
 * A booking's subscribe messages (预约提醒, through the notices gate): the villager is told when the
 * counsel confirms the time or proposes another; the day before the agreed time both the villager
 * and the counsel are reminded (the daily reminder run, ledger routes' runReminders). Each notice is
 * claimed once per person and step (or per agreed time), so a retried act or a timer that fires
 * twice sends nothing more.
 */
import { Schema, model } from 'mongoose';
import { clipChars, sliceChars, type Case, type CaseAct, type RunRemindersReply } from '@vc/types';
import type { Config } from '../../config';
import type { Logger } from '../../shared/log';
import { inBeijing } from '../../shared/periods';
import { isDuplicateKey } from '../../store/duplicates';
import { sendNotice, type NoticeOutcome } from '../notices/gate';
import { storedCounties } from '../places/lookup';
import { usersInCounties, type UserDoc } from '../users/queries';
import type { WechatClient } from '../wechat/client';
import { CaseModel, type CaseDoc } from './model';

/** One claim per notice: `ref` names the case, the step or agreed time, and the person. */
const noticeSchema = new Schema(
  {
    ref: { type: String, required: true, unique: true },
    caseId: { type: Schema.Types.ObjectId, required: true },
    userId: { type: Schema.Types.ObjectId, required: true },
    status: { type: String, enum: ['claimed', 'sent', 'failed', 'skipped'], required: true },
    errcode: { type: Number, default: null },
    at: { type: Date, default: () => new Date() },
  },
  { collection: 'case_notices', versionKey: false },
);
export const CaseNoticeModel = model('CaseNotice', noticeSchema);

/** The mini-program page of one case (the service hall's detail page). */
export const casePage = (caseId: string) => `hall/case/index?id=${caseId}`;

const when = (at: Date) => inBeijing(at).format('YYYY-MM-DD HH:mm');
const topicOf = (doc: CaseDoc) => clipChars(String((doc.details as { topic?: string }).topic ?? '预约法律顾问'), 20);

type Claimed = NoticeOutcome['status'] | 'already';

/** Claims `ref`, then sends through the gate; a skipped day-before claim is let go so a later run may send it. */
async function claimAndSend(
  wechat: WechatClient,
  templateId: string,
  doc: CaseDoc,
  person: UserDoc | undefined,
  ref: string,
  data: Record<string, { value: string }>,
  releaseSkipped: boolean,
): Promise<Claimed> {
  if (!person?.openid) return 'failed';
  const claim = { ref, caseId: doc._id, userId: person._id, status: 'claimed' };
  try {
    await CaseNoticeModel.create(claim);
  } catch (err) {
    if (isDuplicateKey(err)) return 'already';
    throw err;
  }
  const outcome = await sendNotice(wechat, {
    key: 'bookingUpdate',
    templateId,
    userId: String(person._id),
    openid: person.openid,
    ref,
    page: casePage(String(doc._id)),
    data,
  });
  if (outcome.status === 'skipped' && releaseSkipped) await CaseNoticeModel.deleteOne({ ref });
  else await CaseNoticeModel.updateOne({ ref }, { $set: { status: outcome.status, errcode: outcome.errcode } });
  return outcome.status;
}

/**
 * Tells the villager that the counsel confirmed the booking or proposed another time. Recorded,
 * never thrown: the act is done either way.
 */
export function bookingNotifier(wechat: WechatClient, config: Pick<Config, 'noticeTemplates' | 'wechat'>, log: Logger) {
  return async (after: Case, act: CaseAct): Promise<void> => {
    // the counsel's answers only: the villager's own accept or cancel needs no message to them
    if (after.kind !== 'booking' || (act !== 'confirm' && act !== 'propose') || !config.wechat.configured) return;
    try {
      const step = [...after.steps].reverse().find((s) => s.kind === act);
      const doc = await CaseModel.findById(after.id).lean<CaseDoc>();
      if (!step || !doc?.scheduledAt) return;
      const people = await usersInCounties([{ id: doc.applicantId, countyCode: doc.countyCode }]);
      const proposed = act === 'propose';
      await claimAndSend(
        wechat,
        config.noticeTemplates.bookingUpdate,
        doc,
        people.get(String(doc.applicantId)),
        `booking:${after.id}:${step.n}:${String(doc.applicantId)}`,
        {
          thing1: { value: topicOf(doc) },
          time2: { value: when(doc.scheduledAt) },
          phrase3: { value: proposed ? '改约待确认' : '已确认' },
          thing4: {
            value: clipChars(
              proposed ? (step.text ?? `${step.byName}建议改到此时间，请确认`) : `${step.byName}将按时与您见面`,
              20,
            ),
          },
        },
        false,
      );
    } catch (err) {
      log.warn({ err, caseId: after.id }, 'booking notice failed');
    }
  };
}

/** counties read at once (each one indexed equality) */
const COUNTIES_AT_ONCE = 8;

/**
 * The day before an agreed booking (Beijing dates), the villager and the counsel each get one
 * reminder. Run by the daily reminder timer with its `asOf`; counts what it did.
 */
export async function remindBookings(
  wechat: WechatClient,
  config: Pick<Config, 'noticeTemplates' | 'wechat'>,
  asOf: Date,
): Promise<RunRemindersReply['bookings']> {
  const result = { reminded: 0, sent: 0, failed: 0, skipped: 0, alreadyReminded: 0 };
  if (!config.wechat.configured) return result;
  const tomorrow = inBeijing(asOf).add(1, 'day').format('YYYY-MM-DD');
  const due: CaseDoc[] = [];
  const counties = await storedCounties();
  for (let i = 0; i < counties.length; i += COUNTIES_AT_ONCE) {
    await Promise.all(
      counties.slice(i, i + COUNTIES_AT_ONCE).map(async ({ code }) => {
        // the county's index, then the rest in memory (the engine pushes down equalities only)
        const confirmed = await CaseModel.find({ countyCode: code, kind: 'booking', status: 'confirmed' }).lean<CaseDoc[]>();
        due.push(...confirmed.filter((d) => d.scheduledAt && inBeijing(d.scheduledAt).format('YYYY-MM-DD') === tomorrow));
      }),
    );
  }
  if (due.length === 0) return result;
  const people = await usersInCounties(
    due.flatMap((d) => [
      { id: d.applicantId, countyCode: d.countyCode },
      { id: d.handlerId, countyCode: d.countyCode },
    ]),
  );
  for (const doc of due) {
    result.reminded += 1;
    const applicant = people.get(String(doc.applicantId));
    const counsel = doc.handlerId ? people.get(String(doc.handlerId)) : undefined;
    const time = when(doc.scheduledAt!);
    const recipients = [
      { person: applicant, note: `明天与法律顾问${counsel?.name ?? ''}见面` },
      { person: counsel, note: `明天为村民${applicant?.name ?? ''}服务` },
    ];
    for (const { person, note } of recipients) {
      if (!person) continue;
      const outcome = await claimAndSend(
        wechat,
        config.noticeTemplates.bookingUpdate,
        doc,
        person,
        `booking-eve:${String(doc._id)}:${doc.scheduledAt!.toISOString()}:${String(person._id)}`,
        {
          thing1: { value: topicOf(doc) },
          time2: { value: time },
          phrase3: { value: '明天见面' },
          thing4: { value: sliceChars(note, 20) },
        },
        true,
      );
      if (outcome === 'already') result.alreadyReminded += 1;
      else result[outcome] += 1;
    }
  }
  return result;
}
