/**
 * Reminders (issue 4, rule 6): a timer-triggered cloud function calls the server daily; in the last
 * days of a month (and of a quarter) every counsel behind schedule in one of their villages gets one
 * WeChat subscribe message for that period — never a second one, also when the timer fires twice —
 * if they turned the reminder on (the notices gate; otherwise counted as skipped).
 */
import { isDuplicateKey } from '../../store/duplicates';
import { Types } from 'mongoose';
import { clipChars, type RunRemindersReply } from '@vc/types';
import { inBeijing, monthOf, monthsOfQuarter, quarterOfMonth } from '../../shared/periods';
import { usersInCounties } from '../users/queries';
import { activeAssignmentsIn, type ActiveAssignment } from '../counsel/queries';
import { describeShortfall } from './format';
import { countyPolicy } from '../county-policy/service';
import { placeNamesByCode, storedCounties } from '../places/lookup';
import type { WechatClient } from '../wechat/client';
import { sendNotice } from '../notices/gate';
import { LedgerReminderModel, LedgerRollupModel, type RollupDoc } from './model';
import { standing, type MonthFigures, type Targets } from './policy';

/** Which periods are due for reminding at `asOf` (Beijing time). */
export function duePeriods(
  asOf: Date,
  daysBeforeEnd: number,
): { month: string; monthDue: boolean; quarterDue: boolean; deadline: string } {
  const now = inBeijing(asOf);
  const month = monthOf(asOf);
  const end = now.startOf('month').add(1, 'month');
  const daysLeft = end.diff(now, 'millisecond') / 86400000;
  const monthDue = daysLeft <= daysBeforeEnd;
  const lastOfQuarter = monthsOfQuarter(quarterOfMonth(month))[2] === month;
  return { month, monthDue, quarterDue: monthDue && lastOfQuarter, deadline: end.subtract(1, 'day').format('YYYY-MM-DD') };
}

/** counties read at once (each a few indexed queries) */
const COUNTIES_AT_ONCE = 8;

const clip = (text: string, max = 20) => clipChars(text, max);

export async function runReminders(
  wechat: WechatClient,
  options: { asOf?: Date; daysBeforeEnd: number; templateId: string },
): Promise<Omit<RunRemindersReply, 'bookings' | 'lectures'>> {
  const asOf = options.asOf ?? new Date();
  const due = duePeriods(asOf, options.daysBeforeEnd);
  const result: Omit<RunRemindersReply, 'bookings' | 'lectures'> = {
    checked: 0,
    sent: 0,
    failed: 0,
    alreadyReminded: 0,
    skipped: 0,
  };
  if (!due.monthDue) return result;

  // County by county, each read an indexed equality on the county (a nationwide filter without one
  // would be a scan of every assignment, rollup, place and person on the embedded engine).
  const months = monthsOfQuarter(quarterOfMonth(due.month));
  const assignments: ActiveAssignment[] = [];
  const rollups: RollupDoc[] = [];
  const policies = new Map<string, Targets>();
  const counties = await storedCounties();
  for (let i = 0; i < counties.length; i += COUNTIES_AT_ONCE) {
    await Promise.all(
      counties.slice(i, i + COUNTIES_AT_ONCE).map(async ({ code }) => {
        const served = await activeAssignmentsIn(code);
        if (served.length === 0) return;
        const [countyRollups, policy] = await Promise.all([
          LedgerRollupModel.find({ countyCode: code, month: { $in: months } }).lean<RollupDoc[]>(),
          countyPolicy(code),
        ]);
        assignments.push(...served);
        rollups.push(...countyRollups);
        policies.set(code, policy);
      }),
    );
  }
  const byCounsel = new Map<string, string[]>();
  for (const a of assignments) byCounsel.set(String(a.counselId), [...(byCounsel.get(String(a.counselId)) ?? []), a.villageCode]);
  const [villageNames, people] = await Promise.all([
    placeNamesByCode(assignments.map((a) => a.villageCode)),
    usersInCounties(assignments.map((a) => ({ id: a.counselId, countyCode: a.countyCode }))),
  ]);
  const openids = new Map([...people].map(([id, p]) => [id, p.openid]));
  const rollupsOf = new Map<string, RollupDoc[]>();
  for (const r of rollups) {
    const key = `${String(r.counselId)}:${r.villageCode}`;
    rollupsOf.set(key, [...(rollupsOf.get(key) ?? []), r]);
  }

  for (const [counselId, villages] of byCounsel) {
    result.checked += 1;
    const behind: { village: string; missing: string }[] = [];
    for (const villageCode of villages) {
      const county = villageCode.slice(0, 6);
      if (!policies.has(county)) policies.set(county, await countyPolicy(county));
      const figures = new Map<string, MonthFigures>(
        (rollupsOf.get(`${counselId}:${villageCode}`) ?? []).map((r) => [r.month, r]),
      );
      const s = standing(figures, due.month, policies.get(county)!);
      // this month's hours, and the quarter's lecture when the quarter ends with this month
      const owed = s.shortfalls.find((f) => f.period === 'month' || (due.quarterDue && f.period === 'quarter'));
      if (owed) behind.push({ village: villageNames.get(villageCode) ?? villageCode, missing: describeShortfall(owed) });
    }
    if (behind.length === 0) continue;

    try {
      await LedgerReminderModel.create({
        counselId: new Types.ObjectId(counselId),
        period: due.month,
        missing: behind.map((b) => `${b.village}：${b.missing}`),
      });
    } catch (err) {
      if (isDuplicateKey(err)) {
        result.alreadyReminded += 1;
        continue;
      }
      throw err;
    }
    const claim = { counselId: new Types.ObjectId(counselId), period: due.month };
    const openid = openids.get(counselId);
    // through the notices gate: only to counsel who turned the reminder on (开启月底提醒)
    const outcome = openid
      ? await sendNotice(wechat, {
          key: 'monthEndReminder',
          templateId: options.templateId,
          userId: counselId,
          openid,
          ref: `reminder:${counselId}:${due.month}`,
          page: 'ledger/progress/index',
          data: {
            thing1: { value: clip(behind.map((b) => b.village).join('、')) },
            thing2: { value: clip(behind[0]!.missing) },
            time3: { value: due.deadline },
          },
        })
      : ({ status: 'failed', errcode: -1 } as const);
    if (outcome.status === 'skipped') {
      // not subscribed: the claim goes, so a later run this period reminds once they turn it on
      await LedgerReminderModel.deleteOne(claim);
      result.skipped += 1;
    } else if (outcome.status === 'sent') {
      await LedgerReminderModel.updateOne(claim, { $set: { status: 'sent' } });
      result.sent += 1;
    } else {
      // e.g. 43101: WeChat holds no send for us; kept as failed so the county can follow up by phone
      await LedgerReminderModel.updateOne(claim, { $set: { status: 'failed', errcode: outcome.errcode } });
      result.failed += 1;
    }
  }
  return result;
}
