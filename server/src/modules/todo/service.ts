/**
 * "To-do first" (issue 14 item 4): what waits for the signed-in person in each role they hold —
 * as counsel (questions to answer, returned ledger entries, this month's on-site hours), as
 * township office staff (join requests, held posts, ledger reviews, overdue questions) and as
 * county bureau staff (villages without counsel, villages behind schedule). Only their own duties.
 *
 * Every other module's data is read through its exported functions. The number of database
 * commands follows the person's grants (townships, counties), never the villages or items.
 */
import {
  clipChars,
  LEDGER_KIND_LABELS,
  TODO_EXCERPT_CHARS,
  TODO_ITEMS,
  type ConsultationSummary,
  type CounselTodo,
  type CountyTodo,
  type TodoQuestion,
  CASE_KIND_LABELS,
  type CaseTodo,
  type TodoReply,
  type TownshipTodo,
} from '@vc/types';
import type { Principal } from '../../shared/principal';
import { maskPhone } from '../../shared/mask';
import { monthOf, monthStart, inBeijing } from '../../shared/periods';
import { waitingForCounsel, type WaitingQuestion } from '../consultations/queries';
import { overdue } from '../consultations/lists';
import { pendingReviewsIn, uncorrectedReturns } from '../ledger/queries';
import { progress } from '../ledger/progress';
import { hoursOf as hours } from '../ledger/format';
import { countyCompliance } from '../ledger/report';
import { moderationQueues } from '../groups/queries';
import { usersInCounties } from '../users/queries';
import { placeNamesByCode } from '../places/lookup';
import { handlerQueue, type QueueItem } from '../cases/lists';

const HELD_CAUSE_LABELS: Record<string, string> = {
  risky: '内容可能违规',
  review: '需人工审核',
  check_unavailable: '内容检测暂不可用',
};

/** Mobile numbers (also written with spaces or dashes), then ID and card numbers: never shown whole. */
const MOBILE = /(?<![0-9])1[3-9][0-9]([ -]?)[0-9]{4}\1[0-9]{4}(?![0-9])/g;
const LONG_NUMBER = /[0-9]{7,}[0-9Xx]?/g;

/** A question's or post's text as a to-do item shows it: one line, numbers masked, at most 30 characters. */
export function excerptOf(text: string): string {
  const masked = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(MOBILE, (m) => maskPhone(m) ?? '')
    .replace(LONG_NUMBER, (m) => `${'*'.repeat(m.length - 4)}${m.slice(-4)}`);
  return clipChars(masked, TODO_EXCERPT_CHARS);
}

/** 剩余 5 小时 / 已超时 2 天 */
export function timeLeftLabel(minutesLeft: number): string {
  const abs = Math.abs(minutesLeft);
  const span = abs >= 1440 ? `${Math.floor(abs / 1440)} 天` : abs >= 60 ? `${Math.floor(abs / 60)} 小时` : `${abs} 分钟`;
  return minutesLeft < 0 ? `已超时 ${span}` : `剩余 ${span}`;
}

/** The time limit that counts now (限时办结, county policy): the first answer's until answered, then the closing one. */
function questionItem(
  q: Pick<WaitingQuestion, 'id' | 'question' | 'villageCode' | 'firstResponseDueAt' | 'closeDueAt' | 'firstResponseAt'>,
  villageName: string,
  now: Date,
): TodoQuestion {
  const answered = q.firstResponseAt !== null;
  const dueAt = answered || q.closeDueAt < q.firstResponseDueAt ? q.closeDueAt : q.firstResponseDueAt;
  const minutesLeft = Math.floor((dueAt.getTime() - now.getTime()) / 60_000);
  return {
    id: q.id,
    excerpt: excerptOf(q.question),
    villageCode: q.villageCode,
    villageName,
    dueLabel: answered ? '办结' : '首次答复',
    dueAt: dueAt.toISOString(),
    minutesLeft,
    overdue: minutesLeft < 0,
    timeLeft: timeLeftLabel(minutesLeft),
  };
}

/** returned entries are all listed (the counsel corrects each), up to this many */
const RETURNED_SHOWN = 50;
const placesOf = (principal: Principal, role: string) => [
  ...new Set(principal.grants.filter((g) => g.role === role).map((g) => g.placeCode)),
];

async function counselTodo(principal: Principal, villages: string[], now: Date) {
  const [waiting, returned, standing] = await Promise.all([
    waitingForCounsel(principal.userId, villages),
    uncorrectedReturns(principal.userId),
    progress(principal, undefined, now),
  ]);
  const urgent = waiting
    .map((q) => ({ q, dueAt: q.firstResponseAt ? q.closeDueAt : q.firstResponseDueAt }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
    .map((x) => x.q);
  return {
    codes: [...urgent.slice(0, TODO_ITEMS), ...returned].map((x) => x.villageCode),
    build: (names: Map<string, string>): CounselTodo => ({
      waitingQuestions: {
        label: '待答复的咨询',
        count: waiting.length,
        items: urgent.slice(0, TODO_ITEMS).map((q) => questionItem(q, names.get(q.villageCode) ?? '', now)),
      },
      returnedEntries: {
        label: '被退回待更正的台账',
        count: returned.length,
        items: returned.slice(0, RETURNED_SHOWN).map((e) => ({
          id: e.id,
          month: e.month,
          villageCode: e.villageCode,
          villageName: names.get(e.villageCode) ?? '',
          reason: e.reason,
          returnedAt: e.returnedAt?.toISOString() ?? null,
        })),
      },
      onSiteHours: {
        label: '本月驻点时长',
        items: standing.map((v) => ({
          villageCode: v.villageCode,
          villageName: v.villageName,
          month: v.month.period,
          hours: hours(v.month.onSiteMinutes),
          pendingHours: hours(v.month.pendingOnSiteMinutes),
          targetHours: hours(v.month.requiredMinutes),
          label: `本月驻点 ${hours(v.month.onSiteMinutes)} / ${hours(v.month.requiredMinutes)} 小时`,
        })),
      },
    }),
  };
}

async function townshipTodos(townships: string[], now: Date) {
  const [queues, reviews, late] = await Promise.all([
    moderationQueues(townships),
    Promise.all(townships.map((t) => pendingReviewsIn(t, TODO_ITEMS))),
    Promise.all(townships.map((t) => overdue(t, now))),
  ]);
  const joinsShown = townships.flatMap((t) => queues.get(t)?.joins.slice(0, TODO_ITEMS) ?? []);
  const heldShown = townships.flatMap((t) => queues.get(t)?.held.slice(0, TODO_ITEMS) ?? []);
  // the people named: requesters (by their group's county) and the counsel of the entries, in one read per county
  const people = await usersInCounties([
    ...joinsShown.map((j) => ({ id: j.userId, countyCode: j.groupCode.slice(0, 6) })),
    ...reviews.flatMap((r) => r.items.map((e) => ({ id: e.counselId, countyCode: e.countyCode }))),
  ]);
  return {
    codes: [
      ...townships,
      ...joinsShown.map((j) => j.groupCode),
      ...heldShown.map((h) => h.groupCode),
      ...reviews.flatMap((r) => r.items.map((e) => e.villageCode)),
    ],
    build: (names: Map<string, string>): TownshipTodo[] =>
      townships.map((townshipCode, i) => {
        const queue = queues.get(townshipCode) ?? { joins: [], held: [] };
        const review = reviews[i]!;
        const lateOnes: ConsultationSummary[] = late[i]!;
        return {
          townshipCode,
          townshipName: names.get(townshipCode) ?? '',
          joinRequests: {
            label: '待审核的入群申请',
            count: queue.joins.length,
            items: queue.joins.slice(0, TODO_ITEMS).map((j) => ({
              groupCode: j.groupCode,
              groupName: names.get(j.groupCode) ?? '',
              userId: String(j.userId),
              name: people.get(String(j.userId))?.name ?? '',
              at: j.at.toISOString(),
            })),
          },
          heldPosts: {
            label: '待审核的群消息',
            count: queue.held.length,
            items: queue.held.slice(0, TODO_ITEMS).map((h) => ({
              id: h.id,
              groupCode: h.groupCode,
              groupName: names.get(h.groupCode) ?? '',
              excerpt: excerptOf(h.text),
              causeLabel: HELD_CAUSE_LABELS[h.cause] ?? '待审核',
              at: h.at.toISOString(),
            })),
          },
          ledgerReviews: {
            label: '待审核的工作台账',
            count: review.count,
            items: review.items.map((e) => ({
              id: e.id,
              month: e.month,
              villageCode: e.villageCode,
              villageName: names.get(e.villageCode) ?? '',
              counselName: people.get(String(e.counselId))?.name ?? '',
              kindLabel: LEDGER_KIND_LABELS[e.kind as keyof typeof LEDGER_KIND_LABELS] ?? e.kind,
              minutes: e.minutes,
            })),
          },
          overdueQuestions: {
            label: '已超时的咨询',
            count: lateOnes.length,
            items: lateOnes.slice(0, TODO_ITEMS).map((s) =>
              questionItem(
                {
                  id: s.id,
                  question: s.preview,
                  villageCode: s.villageCode,
                  firstResponseDueAt: new Date(s.firstResponseDueAt),
                  closeDueAt: new Date(s.closeDueAt),
                  firstResponseAt: s.firstResponseAt ? new Date(s.firstResponseAt) : null,
                },
                s.villageName,
                now,
              ),
            ),
          },
        };
      }),
  };
}

/** How far into this Beijing month `now` is, 0 to 1: the share of the monthly target due by now. */
function shareOfMonthGone(now: Date): number {
  const month = monthOf(now);
  const start = monthStart(month).getTime();
  const end = inBeijing(monthStart(month)).add(1, 'month').valueOf();
  return Math.min(1, Math.max(0, (now.getTime() - start) / (end - start)));
}

async function countyTodos(counties: string[], now: Date) {
  const reports = await Promise.all(counties.map((c) => countyCompliance(c, undefined, undefined, now)));
  return {
    codes: counties,
    build: (names: Map<string, string>): CountyTodo[] =>
      counties.map((countyCode, i) => {
        const report = reports[i]!;
        const townshipNames = new Map(report.townships.map((t) => [t.code, t.name]));
        const target = report.targets.minOnSiteHoursPerMonth * 60;
        const expectedMinutes = Math.round(target * shareOfMonthGone(now));
        const place = (v: (typeof report.villages)[number]) => ({
          villageCode: v.code,
          villageName: v.name,
          townshipCode: v.townshipCode,
          townshipName: townshipNames.get(v.townshipCode) ?? '',
        });
        const without = report.villages.filter((v) => v.counsel.length === 0);
        const behind = report.villages.filter((v) => v.onSiteMinutes < expectedMinutes);
        return {
          countyCode,
          countyName: names.get(countyCode) ?? '',
          month: report.month,
          villagesWithoutCounsel: {
            label: '暂无法律顾问的村（社区）',
            count: without.length,
            items: without.slice(0, TODO_ITEMS).map(place),
          },
          villagesBehind: {
            label: '本月驻点进度落后的村（社区）',
            count: behind.length,
            items: behind.slice(0, TODO_ITEMS).map((v) => ({
              ...place(v),
              onSiteHours: hours(v.onSiteMinutes),
              targetHours: report.targets.minOnSiteHoursPerMonth,
            })),
          },
          expectedMinutes,
        };
      }),
  };
}

/** The service hall's cases waiting on the person: how many, how many late, the most urgent few. */
function caseTodo(queue: QueueItem[] | null, now: Date) {
  const shown = queue?.slice(0, TODO_ITEMS) ?? [];
  return {
    codes: shown.map((c) => c.villageCode),
    build: (names: Map<string, string>): CaseTodo | null =>
      queue && {
        label: '待办理的服务事项',
        count: queue.length,
        overdueCount: queue.filter((c) => c.overdue).length,
        items: shown.map((c) => {
          const minutesLeft = c.dueAt ? Math.floor((c.dueAt.getTime() - now.getTime()) / 60_000) : null;
          return {
            id: c.id,
            kind: c.kind,
            kindLabel: CASE_KIND_LABELS[c.kind],
            title: excerptOf(c.title),
            villageCode: c.villageCode,
            villageName: names.get(c.villageCode) ?? '',
            dueAt: c.dueAt?.toISOString() ?? null,
            minutesLeft,
            overdue: c.overdue,
            timeLeft: minutesLeft === null ? null : timeLeftLabel(minutesLeft),
          };
        }),
      },
  };
}

export async function todoOf(principal: Principal, now = new Date()): Promise<TodoReply> {
  const villages = placesOf(principal, 'counsel');
  const [counsel, townships, counties, queue] = await Promise.all([
    villages.length ? counselTodo(principal, villages, now) : null,
    townshipTodos(placesOf(principal, 'township_staff'), now),
    countyTodos(placesOf(principal, 'county_staff'), now),
    handlerQueue(principal, now),
  ]);
  const cases = caseTodo(queue, now);
  // every place named in the reply, in one lookup (read per county, ../places/lookup.ts)
  const names = await placeNamesByCode([...(counsel?.codes ?? []), ...townships.codes, ...counties.codes, ...cases.codes]);
  const reply = {
    counsel: counsel?.build(names) ?? null,
    townships: townships.build(names),
    counties: counties.build(names),
    cases: cases.build(names),
  };
  const total =
    (reply.counsel ? reply.counsel.waitingQuestions.count + reply.counsel.returnedEntries.count : 0) +
    reply.townships.reduce(
      (sum, t) => sum + t.joinRequests.count + t.heldPosts.count + t.ledgerReviews.count + t.overdueQuestions.count,
      0,
    ) +
    reply.counties.reduce((sum, c) => sum + c.villagesWithoutCounsel.count + c.villagesBehind.count, 0) +
    (reply.cases?.count ?? 0);
  return { ...reply, total };
}
