/**
 * Reminders (issue 4, rule 6): a timer-triggered cloud function calls the server daily; in the last
 * days of a month (and of a quarter) every counsel behind schedule in one of their villages gets one
 * WeChat subscribe message for that period — never a second one, also when the timer fires twice.
 */
import { isDuplicateKey } from '../../store/duplicates';
import { Types } from 'mongoose';
import type { RunRemindersReply } from '@vc/types';
import { inBeijing, monthOf, monthsOfQuarter, quarterOfMonth } from '../../shared/periods';
import { UserModel } from '../accounts/model';
import { AssignmentModel } from '../counsel/model';
import { countyPolicy } from '../counsel/service';
import { PlaceModel } from '../places/model';
import type { WechatClient } from '../wechat/client';
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

const clip = (text: string, max = 20) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export async function runReminders(
  wechat: WechatClient,
  options: { asOf?: Date; daysBeforeEnd: number; templateId: string },
): Promise<RunRemindersReply> {
  const asOf = options.asOf ?? new Date();
  const due = duePeriods(asOf, options.daysBeforeEnd);
  const result: RunRemindersReply = { checked: 0, sent: 0, failed: 0, alreadyReminded: 0 };
  if (!due.monthDue) return result;

  const assignments = await AssignmentModel.find({ endedAt: null }, { counselId: 1, villageCode: 1 }).lean();
  const byCounsel = new Map<string, string[]>();
  for (const a of assignments) byCounsel.set(String(a.counselId), [...(byCounsel.get(String(a.counselId)) ?? []), a.villageCode]);
  const months = monthsOfQuarter(quarterOfMonth(due.month));
  const rollups = await LedgerRollupModel.find({ month: { $in: months } }).lean<RollupDoc[]>();
  const places = await PlaceModel.find({ code: { $in: assignments.map((a) => a.villageCode) } }, { code: 1, name: 1 }).lean();
  const villageNames = new Map(places.map((p) => [p.code, p.name]));
  const policies = new Map<string, Targets>();
  const people = await UserModel.find(
    { _id: { $in: [...byCounsel.keys()].map((id) => new Types.ObjectId(id)) } },
    { openid: 1 },
  ).lean();
  const openids = new Map(people.map((p) => [String(p._id), p.openid]));

  for (const [counselId, villages] of byCounsel) {
    result.checked += 1;
    const behind: { village: string; missing: string }[] = [];
    for (const villageCode of villages) {
      const county = villageCode.slice(0, 6);
      if (!policies.has(county)) policies.set(county, await countyPolicy(county));
      const figures = new Map<string, MonthFigures>(
        rollups.filter((r) => String(r.counselId) === counselId && r.villageCode === villageCode).map((r) => [r.month, r]),
      );
      const s = standing(figures, due.month, policies.get(county)!);
      const missing = s.missing.filter((m) => m.startsWith('本月') || (due.quarterDue && m.startsWith('本季度')));
      if (missing.length) behind.push({ village: villageNames.get(villageCode) ?? villageCode, missing: missing[0]! });
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
    const openid = openids.get(counselId);
    try {
      if (!openid) throw Object.assign(new Error('no openid'), { code: -1 });
      await wechat.sendSubscribeMessage({
        touser: openid,
        template_id: options.templateId,
        page: 'ledger/progress/index',
        data: {
          thing1: { value: clip(behind.map((b) => b.village).join('、')) },
          thing2: { value: clip(behind[0]!.missing) },
          time3: { value: due.deadline },
        },
      });
      await LedgerReminderModel.updateOne(
        { counselId: new Types.ObjectId(counselId), period: due.month },
        { $set: { status: 'sent' } },
      );
      result.sent += 1;
    } catch (err) {
      // e.g. 43101: the counsel has not subscribed; kept as failed so the county can follow up by phone
      const errcode = typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1;
      await LedgerReminderModel.updateOne(
        { counselId: new Types.ObjectId(counselId), period: due.month },
        { $set: { status: 'failed', errcode } },
      );
      result.failed += 1;
    }
  }
  return result;
}
