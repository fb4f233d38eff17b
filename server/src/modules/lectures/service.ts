/**
 * Lecture announcements (issue 17 item 1): a counsel announces, moves or cancels a lecture in a
 * village they serve (posted to the village's work group as a system notice); the village's
 * people sign up and check in with the QR code shown at the lecture; the counsel records it in the
 * ledger through the ledger's own submit, with the attendance the check-ins give.
 */
import { randomInt } from 'node:crypto';
import { Types } from 'mongoose';
import type { AnnounceLectureBody, Lecture, LectureCheckinReply, MoveLectureBody, RecordLectureReply } from '@vc/types';
import { AppError } from '../../shared/errors';
import type { Logger } from '../../shared/log';
import { inBeijing } from '../../shared/periods';
import type { Principal } from '../../shared/principal';
import { holdsAt } from '../../shared/scope';
import { createOnce, isDuplicateKey } from '../../store/duplicates';
import { SCENE, type ContentCheck } from '../content-check/text';
import { postSystemNotice } from '../groups/posting';
import { submit as submitLedgerEntry } from '../ledger/entries';
import { userById } from '../users/queries';
import { LectureCheckinModel, LectureModel, LectureSignupModel, type LectureCheckinDoc, type LectureDoc } from './model';
import { beijingDay, checkinWindow, lectureTimeValid } from './policy';
import { attendanceOf, describe, describeOne, hosts } from './views';

export type LectureChanged = (doc: LectureDoc, change: 'moved' | 'cancelled') => Promise<void>;

const CODE_CHARS = 'abcdefghijkmnpqrstuvwxyz23456789';
const newCode = () => Array.from({ length: 6 }, () => CODE_CHARS[randomInt(CODE_CHARS.length)]).join('');
const MINUTE = 60_000;
/** Roles that see a village's lectures besides its people (the route's readers). */
const READERS = ['village_cadre', 'mediator', 'legal_literate', 'counsel', 'township_staff', 'county_staff', 'admin'] as const;

const when = (at: Date) => inBeijing(at).format('M月D日 HH:mm');

/** Refuses what WeChat does not clearly pass: the texts go to the whole village's group. */
async function requireClean(check: ContentCheck, userId: string, texts: readonly string[]) {
  const writer = await userById(userId);
  const verdict = await check(writer?.openid ?? '', texts.join('\n'), SCENE.forum);
  if (verdict === 'check_unavailable') throw new AppError('CONTENT_CHECK_UNAVAILABLE');
  if (verdict !== 'pass') throw new AppError('LECTURE_TEXT_RISKY');
}

/** Tells the village's group; a busy group does not undo the announcement (logged). */
async function tellGroup(log: Logger, villageCode: string, text: string) {
  try {
    await postSystemNotice(villageCode, text);
  } catch (err) {
    log.warn({ err, villageCode }, 'lecture group notice failed');
  }
}

/** The lecture if the viewer may see it: its village's people and the roles above them. */
async function visible(principal: Principal, lectureId: string): Promise<LectureDoc> {
  const doc = await LectureModel.findById(lectureId).lean<LectureDoc>();
  if (!doc) throw new AppError('LECTURE_NOT_FOUND');
  if (!holdsAt(principal.grants, ['villager', ...READERS], doc.villageCode)) throw new AppError('LECTURE_NOT_FOUND');
  return doc;
}

/** The lecture for a change by a counsel serving its village, not cancelled. */
async function hosted(principal: Principal, lectureId: string): Promise<LectureDoc> {
  const doc = await LectureModel.findById(lectureId).lean<LectureDoc>();
  if (!doc) throw new AppError('LECTURE_NOT_FOUND');
  if (!hosts(principal, doc)) throw new AppError('LECTURE_NOT_HOST');
  if (doc.status === 'cancelled') throw new AppError('LECTURE_CANCELLED');
  return doc;
}

/** Recorded in the ledger, a lecture's facts are settled. */
function requireUnrecorded(doc: LectureDoc): LectureDoc {
  if (doc.ledgerEntryId) throw new AppError('LECTURE_RECORDED');
  return doc;
}

/** A villager of the lecture's village (signing up, checking in); others are refused. */
async function ofVillage(principal: Principal, lectureId: string): Promise<LectureDoc> {
  const doc = await LectureModel.findById(lectureId).lean<LectureDoc>();
  if (!doc) throw new AppError('LECTURE_NOT_FOUND');
  if (!principal.grants.some((g) => g.role === 'villager' && g.placeCode === doc.villageCode))
    throw new AppError('LECTURE_OTHER_VILLAGE');
  return doc;
}

const reread = async (id: Types.ObjectId) => (await LectureModel.findById(id).lean<LectureDoc>())!;

/** Announces a lecture (idempotent by the counsel's clientKey) and posts it to the village's group. */
export async function announce(
  principal: Principal,
  villageCode: string,
  body: AnnounceLectureBody,
  check: ContentCheck,
  log: Logger,
  now = new Date(),
): Promise<{ lecture: Lecture; created: boolean }> {
  const counselId = new Types.ObjectId(principal.userId);
  const earlier = await LectureModel.findOne({ counselId, clientKey: body.clientKey }).lean<LectureDoc>();
  if (earlier) {
    if (earlier.villageCode !== villageCode || earlier.topic !== body.topic) throw new AppError('LECTURE_KEY_REUSED');
    return { lecture: await describeOne(principal, earlier), created: false };
  }
  const startAt = new Date(body.startAt);
  if (!lectureTimeValid(startAt, now)) throw new AppError('LECTURE_TIME_INVALID');
  await requireClean(check, principal.userId, [body.topic, body.place, body.audience]);
  const { doc, created } = await createOnce(
    async () =>
      (
        await LectureModel.create({
          counselId,
          clientKey: body.clientKey,
          villageCode,
          countyCode: villageCode.slice(0, 6),
          topic: body.topic,
          startAt,
          endAt: new Date(startAt.getTime() + body.durationMinutes * MINUTE),
          durationMinutes: body.durationMinutes,
          day: beijingDay(startAt),
          place: body.place,
          audience: body.audience,
          checkinCode: newCode(),
        })
      ).toObject<LectureDoc>(),
    () => LectureModel.findOne({ counselId, clientKey: body.clientKey }).lean<LectureDoc>(),
  );
  if (created) {
    const counsel = await userById(principal.userId);
    await tellGroup(
      log,
      villageCode,
      `【讲座预告】${counsel?.name ?? '法律顾问'}将于${when(startAt)}在${body.place}举办普法讲座“${body.topic}”，面向${body.audience}。欢迎在小程序“普法讲座”中报名。`,
    );
  }
  return { lecture: await describeOne(principal, doc), created };
}

/** The village's lectures not yet over and not cancelled, the nearest first. */
export async function upcoming(principal: Principal, villageCode: string, now = new Date()): Promise<Lecture[]> {
  const docs = (await LectureModel.find({ villageCode }).lean<LectureDoc[]>())
    .filter((d) => d.status === 'scheduled' && d.endAt > now)
    .sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
  return describe(principal, docs);
}

/** A counsel's lectures in the villages they serve: the last 90 days and later, the latest first. */
export async function mine(principal: Principal, now = new Date()): Promise<Lecture[]> {
  const villages = [...new Set(principal.grants.filter((g) => g.role === 'counsel').map((g) => g.placeCode))];
  const since = now.getTime() - 90 * 24 * 3600_000;
  const docs = (await Promise.all(villages.map((villageCode) => LectureModel.find({ villageCode }).lean<LectureDoc[]>())))
    .flat()
    .filter((d) => d.startAt.getTime() >= since)
    .sort((a, b) => b.startAt.getTime() - a.startAt.getTime());
  return describe(principal, docs);
}

export async function view(principal: Principal, lectureId: string): Promise<Lecture> {
  return describeOne(principal, await visible(principal, lectureId));
}

/** A new time and place; the people signed up are told, and the group. */
export async function move(
  principal: Principal,
  lectureId: string,
  body: MoveLectureBody,
  check: ContentCheck,
  notify: LectureChanged,
  log: Logger,
  now = new Date(),
): Promise<Lecture> {
  const doc = requireUnrecorded(await hosted(principal, lectureId));
  const startAt = new Date(body.startAt);
  if (!lectureTimeValid(startAt, now)) throw new AppError('LECTURE_TIME_INVALID');
  const endAt = new Date(startAt.getTime() + body.durationMinutes * MINUTE);
  const same = startAt.getTime() === doc.startAt.getTime() && endAt.getTime() === doc.endAt.getTime() && body.place === doc.place;
  if (same) return describeOne(principal, doc);
  await requireClean(check, principal.userId, [body.place]);
  await LectureModel.updateOne(
    { _id: doc._id },
    { $set: { startAt, endAt, durationMinutes: body.durationMinutes, day: beijingDay(startAt), place: body.place, moved: true } },
  );
  const after = await reread(doc._id);
  await tellGroup(log, doc.villageCode, `【讲座改期】普法讲座“${doc.topic}”改为${when(startAt)}在${body.place}举行。`);
  await notify(after, 'moved');
  return describeOne(principal, after);
}

export async function cancel(
  principal: Principal,
  lectureId: string,
  reason: string,
  check: ContentCheck,
  notify: LectureChanged,
  log: Logger,
): Promise<Lecture> {
  const doc = requireUnrecorded(await hosted(principal, lectureId));
  await requireClean(check, principal.userId, [reason]);
  await LectureModel.updateOne({ _id: doc._id }, { $set: { status: 'cancelled', cancelReason: reason } });
  const after = await reread(doc._id);
  await tellGroup(log, doc.villageCode, `【讲座取消】原定${when(doc.startAt)}的普法讲座“${doc.topic}”取消：${reason}`);
  await notify(after, 'cancelled');
  return describeOne(principal, after);
}

/** Signs up (a second time changes nothing). */
export async function signUp(principal: Principal, lectureId: string, now = new Date()): Promise<Lecture> {
  const doc = await ofVillage(principal, lectureId);
  if (doc.status === 'cancelled') throw new AppError('LECTURE_CANCELLED');
  if (doc.endAt <= now) throw new AppError('LECTURE_OVER');
  try {
    await LectureSignupModel.create({
      lectureId: doc._id,
      villageCode: doc.villageCode,
      userId: new Types.ObjectId(principal.userId),
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  return describeOne(principal, doc);
}

export async function withdraw(principal: Principal, lectureId: string): Promise<Lecture> {
  const doc = await ofVillage(principal, lectureId);
  await LectureSignupModel.deleteOne({ lectureId: doc._id, userId: new Types.ObjectId(principal.userId) });
  return describeOne(principal, doc);
}

/**
 * Checks in with the code the QR carries, on the lecture's Beijing day. A second check-in answers
 * the first (`created: false`), even once the day is over.
 */
export async function checkIn(
  principal: Principal,
  lectureId: string,
  code: string,
  now = new Date(),
): Promise<{ reply: LectureCheckinReply; created: boolean }> {
  const doc = await ofVillage(principal, lectureId);
  if (doc.status === 'cancelled') throw new AppError('LECTURE_CANCELLED');
  if (code !== doc.checkinCode) throw new AppError('LECTURE_CODE_WRONG');
  const userId = new Types.ObjectId(principal.userId);
  const find = () => LectureCheckinModel.findOne({ lectureId: doc._id, userId }).lean<LectureCheckinDoc>();
  const first = await find();
  const answer = async (c: LectureCheckinDoc, created: boolean) => ({
    reply: { lecture: await describeOne(principal, doc), name: c.name, at: c.at.toISOString() },
    created,
  });
  if (first) return answer(first, false);
  const window = checkinWindow(doc.startAt, now);
  if (window === 'not_open') throw new AppError('LECTURE_CHECKIN_NOT_OPEN');
  if (window === 'closed') throw new AppError('LECTURE_CHECKIN_CLOSED');
  const person = await userById(principal.userId);
  const { doc: checkin, created } = await createOnce(
    async () =>
      (
        await LectureCheckinModel.create({
          lectureId: doc._id,
          villageCode: doc.villageCode,
          userId,
          name: person?.name ?? '',
          at: now,
        })
      ).toObject<LectureCheckinDoc>(),
    find,
  );
  return answer(checkin, created);
}

/** The counsel adds someone present without a phone; from the lecture's day on, until it is recorded. */
export async function addAttendee(principal: Principal, lectureId: string, name: string, now = new Date()): Promise<Lecture> {
  const doc = requireUnrecorded(await hosted(principal, lectureId));
  if (checkinWindow(doc.startAt, now) === 'not_open') throw new AppError('LECTURE_CHECKIN_NOT_OPEN');
  await LectureModel.updateOne({ _id: doc._id }, { $push: { addedNames: { name, at: now } } });
  return describeOne(principal, await reread(doc._id));
}

/**
 * Records the lecture in the ledger (kind 'lecture') through the ledger's own submit: its time,
 * and the attendance from the check-ins and the names added. Recorded while still scheduled to
 * run, it counts as ended now (the counsel records it when it is over; at least a minute after its
 * start, within the ledger's tolerance for phones' clocks), and its stored end becomes
 * that moment, so a second tap sends the same facts and answers the same entry (one key per
 * lecture). Not yet begun, the ledger refuses it (LEDGER_IN_FUTURE).
 */
export async function record(
  principal: Principal,
  lectureId: string,
  body: { summary?: string; lateReason?: string },
  now = new Date(),
): Promise<{ reply: RecordLectureReply; created: boolean }> {
  const doc = await hosted(principal, lectureId);
  const checkins = await LectureCheckinModel.find({ lectureId: doc._id }).lean<LectureCheckinDoc[]>();
  const { count, attendees } = attendanceOf(doc, checkins);
  // at least a minute: a service of no minutes would count in no month (ledger minutesByMonth)
  const endAt =
    !doc.ledgerEntryId && doc.startAt < now && now < doc.endAt
      ? new Date(Math.max(now.getTime(), doc.startAt.getTime() + 60_000))
      : doc.endAt;
  const { entry, created } = await submitLedgerEntry(
    principal,
    {
      clientKey: `lecture-${String(doc._id)}`,
      villageCode: doc.villageCode,
      kind: 'lecture',
      mode: 'on_site',
      startAt: doc.startAt.toISOString(),
      endAt: endAt.toISOString(),
      summary: body.summary ?? `普法讲座：${doc.topic}（${doc.place}，面向${doc.audience}）`,
      attendees: count,
      ...(body.lateReason ? { lateReason: body.lateReason } : {}),
    },
    now,
    { lectureId: String(doc._id), attendeeNames: attendees.map((a) => a.name) },
  );
  if (!doc.ledgerEntryId)
    await LectureModel.updateOne(
      { _id: doc._id },
      {
        $set: {
          ledgerEntryId: new Types.ObjectId(entry.id),
          endAt: new Date(entry.endAt),
          durationMinutes: entry.minutes,
        },
      },
    );
  return { reply: { lecture: await describeOne(principal, await reread(doc._id)), entry }, created };
}

/** The code and scene of the check-in QR, for a counsel serving the village. */
export async function qrOf(principal: Principal, lectureId: string): Promise<{ id: string; code: string }> {
  const doc = await hosted(principal, lectureId);
  return { id: String(doc._id), code: doc.checkinCode };
}

/**
 * For the demo data: a lecture a week ahead in the village, unless one is already coming up (the
 * seed runs at every start, so the demo always has one and never piles them up).
 */
export async function ensureDemoLecture(villageCode: string, counselId: Types.ObjectId, now = new Date()): Promise<void> {
  const coming = await LectureModel.find({ villageCode }).lean<LectureDoc[]>();
  if (coming.some((d) => d.status === 'scheduled' && d.startAt > now)) return;
  const day = inBeijing(now).add(7, 'day').format('YYYY-MM-DD');
  const startAt = inBeijing(`${day}T09:30:00+08:00`).toDate();
  await createOnce(
    async () =>
      (
        await LectureModel.create({
          counselId,
          clientKey: `demo-lecture-${day}`,
          villageCode,
          countyCode: villageCode.slice(0, 6),
          topic: '民法典与农村土地承包',
          startAt,
          endAt: new Date(startAt.getTime() + 90 * MINUTE),
          durationMinutes: 90,
          day,
          place: '村委会会议室',
          audience: '全体村民',
          checkinCode: newCode(),
        })
      ).toObject<LectureDoc>(),
    () => LectureModel.findOne({ counselId, clientKey: `demo-lecture-${day}` }).lean<LectureDoc>(),
  );
}
