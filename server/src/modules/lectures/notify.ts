/**
 * The subscribe messages of lectures (讲座提醒, through the notices gate): the people signed up are
 * told when the lecture moves or is cancelled, and reminded the day before (the daily reminder
 * run, ledger routes' runReminders). Each notice is claimed once per person and change (or per
 * lecture day), so a retried change or a timer that fires twice sends nothing more.
 */
import { clipChars, type RunRemindersReply } from '@vc/types';
import type { Config } from '../../config';
import type { Logger } from '../../shared/log';
import { inBeijing } from '../../shared/periods';
import { isDuplicateKey } from '../../store/duplicates';
import { sendNotice, type NoticeOutcome } from '../notices/gate';
import { usersInCounties, type UserDoc } from '../users/queries';
import type { WechatClient } from '../wechat/client';
import { LectureModel, LectureNoticeModel, LectureSignupModel, type LectureDoc } from './model';
import { beijingDay } from './policy';

/** The mini-program page of one lecture. */
export const lecturePage = (lectureId: string) => `lectures/detail/index?id=${lectureId}`;

const when = (at: Date) => inBeijing(at).format('YYYY-MM-DD HH:mm');

type Claimed = NoticeOutcome['status'] | 'already';
type NoticeConfig = Pick<Config, 'noticeTemplates' | 'wechat'>;

async function claimAndSend(
  wechat: WechatClient,
  config: NoticeConfig,
  doc: LectureDoc,
  person: UserDoc | undefined,
  ref: string,
  note: string,
  releaseSkipped: boolean,
): Promise<Claimed> {
  if (!person?.openid) return 'failed';
  try {
    await LectureNoticeModel.create({ ref, lectureId: doc._id, userId: person._id, status: 'claimed' });
  } catch (err) {
    if (isDuplicateKey(err)) return 'already';
    throw err;
  }
  const outcome = await sendNotice(wechat, {
    key: 'lectureUpdate',
    templateId: config.noticeTemplates.lectureUpdate,
    userId: String(person._id),
    openid: person.openid,
    ref,
    page: lecturePage(String(doc._id)),
    data: {
      thing1: { value: clipChars(doc.topic, 20) },
      time2: { value: when(doc.startAt) },
      thing3: { value: clipChars(doc.place, 20) },
      thing4: { value: clipChars(note, 20) },
    },
  });
  if (outcome.status === 'skipped' && releaseSkipped) await LectureNoticeModel.deleteOne({ ref });
  else await LectureNoticeModel.updateOne({ ref }, { $set: { status: outcome.status, errcode: outcome.errcode } });
  return outcome.status;
}

/** The people signed up for a lecture, read in its county. */
async function signedUp(doc: LectureDoc): Promise<UserDoc[]> {
  const signups = await LectureSignupModel.find({ lectureId: doc._id }).lean();
  const people = await usersInCounties(signups.map((s) => ({ id: s.userId, countyCode: doc.countyCode })));
  return [...people.values()];
}

/**
 * Tells everyone signed up that the lecture moved (`change` names the move: its new time) or was
 * cancelled. Recorded, never thrown: the change is made either way.
 */
export function lectureChangeNotifier(wechat: WechatClient, config: NoticeConfig, log: Logger) {
  return async (doc: LectureDoc, change: 'moved' | 'cancelled'): Promise<void> => {
    if (!config.wechat.configured) return;
    try {
      const note =
        change === 'moved' ? `讲座改到${inBeijing(doc.startAt).format('M月D日 HH:mm')}` : `讲座已取消：${doc.cancelReason ?? ''}`;
      const stamp = change === 'moved' ? `${doc.startAt.toISOString()}:${doc.place}` : 'cancelled';
      for (const person of await signedUp(doc))
        await claimAndSend(wechat, config, doc, person, `lecture:${String(doc._id)}:${stamp}:${String(person._id)}`, note, false);
    } catch (err) {
      log.warn({ err, lectureId: String(doc._id) }, 'lecture notice failed');
    }
  };
}

/**
 * The day before a lecture (Beijing dates), everyone signed up gets one reminder. Run by the daily
 * reminder timer with its `asOf`; counts the people reminded and what became of each message.
 */
export async function remindLectures(
  wechat: WechatClient,
  config: NoticeConfig,
  asOf: Date,
): Promise<RunRemindersReply['lectures']> {
  const result = { reminded: 0, sent: 0, failed: 0, skipped: 0, alreadyReminded: 0 };
  if (!config.wechat.configured) return result;
  const tomorrow = beijingDay(new Date(asOf.getTime() + 24 * 3600_000));
  const due = (await LectureModel.find({ day: tomorrow }).lean<LectureDoc[]>()).filter((d) => d.status === 'scheduled');
  for (const doc of due) {
    for (const person of await signedUp(doc)) {
      result.reminded += 1;
      const outcome = await claimAndSend(
        wechat,
        config,
        doc,
        person,
        `lecture-eve:${String(doc._id)}:${doc.startAt.toISOString()}:${String(person._id)}`,
        '明天举行，欢迎准时参加',
        true,
      );
      if (outcome === 'already') result.alreadyReminded += 1;
      else result[outcome] += 1;
    }
  }
  return result;
}
