/** Lectures as shown: counts, the viewer's own sign-up and check-in, and the host's part for a serving counsel. */
import type { Lecture } from '@vc/types';
import type { Principal } from '../../shared/principal';
import { holdsAt } from '../../shared/scope';
import { placeNamesByCode } from '../places/lookup';
import { usersInCounties } from '../users/queries';
import { LectureCheckinModel, LectureSignupModel, type LectureCheckinDoc, type LectureDoc, type LectureSignupDoc } from './model';
import { attendance, checkinPath } from './policy';

/** A counsel serving the lecture's village may run it (show the code, move, cancel, record). */
export const hosts = (principal: Principal, doc: Pick<LectureDoc, 'villageCode'>) =>
  holdsAt(principal.grants, ['counsel'], doc.villageCode);

/** The attendance of a lecture from its check-ins and the names added (policy.ts). */
export const attendanceOf = (doc: LectureDoc, checkins: readonly LectureCheckinDoc[]) =>
  attendance(
    checkins.map((c) => ({ userId: String(c.userId), name: c.name, at: c.at })),
    doc.addedNames,
  );

/**
 * Lectures as the viewer sees them. Sign-ups and check-ins are read per village (one indexed
 * equality each), so a list costs the same number of queries however many lectures it has.
 */
export async function describe(principal: Principal, docs: readonly LectureDoc[]): Promise<Lecture[]> {
  const villages = [...new Set(docs.map((d) => d.villageCode))];
  const [signupLists, checkinLists, names] = await Promise.all([
    Promise.all(villages.map((villageCode) => LectureSignupModel.find({ villageCode }).lean<LectureSignupDoc[]>())),
    Promise.all(villages.map((villageCode) => LectureCheckinModel.find({ villageCode }).lean<LectureCheckinDoc[]>())),
    placeNamesByCode(villages),
  ]);
  const byLecture = <T extends { lectureId: unknown }>(lists: T[][]) => {
    const map = new Map<string, T[]>();
    for (const item of lists.flat()) map.set(String(item.lectureId), [...(map.get(String(item.lectureId)) ?? []), item]);
    return map;
  };
  const signups = byLecture(signupLists);
  const checkins = byLecture(checkinLists);
  const hosted = docs.filter((d) => hosts(principal, d));
  const people = await usersInCounties([
    ...docs.map((d) => ({ id: d.counselId, countyCode: d.countyCode })),
    ...hosted.flatMap((d) => (signups.get(String(d._id)) ?? []).map((s) => ({ id: s.userId, countyCode: d.countyCode }))),
  ]);
  return docs.map((d) => {
    const id = String(d._id);
    const mySignups = signups.get(id) ?? [];
    const myCheckins = checkins.get(id) ?? [];
    const host = hosts(principal, d);
    return {
      id,
      villageCode: d.villageCode,
      villageName: names.get(d.villageCode) ?? '',
      counselId: String(d.counselId),
      counselName: people.get(String(d.counselId))?.name ?? '',
      topic: d.topic,
      startAt: d.startAt.toISOString(),
      endAt: d.endAt.toISOString(),
      durationMinutes: d.durationMinutes,
      place: d.place,
      audience: d.audience,
      status: d.status,
      cancelReason: d.cancelReason ?? null,
      moved: d.moved,
      signedUp: mySignups.length,
      checkedIn: myCheckins.length,
      mine: {
        signedUp: mySignups.some((s) => String(s.userId) === principal.userId),
        checkedIn: myCheckins.some((c) => String(c.userId) === principal.userId),
      },
      ledgerEntryId: d.ledgerEntryId ? String(d.ledgerEntryId) : null,
      host: host
        ? {
            checkinCode: d.checkinCode,
            checkinPath: checkinPath(id, d.checkinCode),
            signups: mySignups
              .sort((a, b) => a.at.getTime() - b.at.getTime())
              .map((s) => ({ name: people.get(String(s.userId))?.name ?? '', at: s.at.toISOString() })),
            attendees: attendanceOf(d, myCheckins).attendees.map((a) => ({ ...a, at: a.at.toISOString() })),
          }
        : null,
    };
  });
}

export const describeOne = async (principal: Principal, doc: LectureDoc) => (await describe(principal, [doc]))[0]!;
