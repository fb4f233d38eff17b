/**
 * A few months of demo history (issue 14 item 9), so every screen and chart of the demo shows
 * something: ledger entries of the two demo counsel over this Beijing month and the three before (approved,
 * pending, returned, a correction), consultations in every state (waiting, overdue, answered,
 * followed up, escalated to the township and the county, closed, rated with comments), a conversation
 * in the demo village group with a join request and a post held for moderation.
 *
 * Everything is written through the modules' own use cases (ledger submit and review, consultation
 * ask/answer/escalate/close/rate, group join/decide/post), as their routes would, with the texts'
 * content check answered here: these texts are ours, so WeChat is never asked (the one post meant
 * to be held is given the verdict "review", so it is held for the township's moderators exactly as a
 * doubtful post would be). Past times go through the `now` parameters of those use cases.
 *
 * Idempotent and resumable: every record has a stable client key, and the history is anchored on
 * its first record (the newest waiting question), so a second run (every `npm start` runs it)
 * recomputes the same facts and writes nothing new. Runs after seedDemo.
 */
import {
  AnswerBody,
  AskBody,
  EscalateBody,
  PostGroupMessageBody,
  Rating,
  ReviewLedgerEntryBody,
  SubmitLedgerEntryBody,
  type LedgerEntry,
  type LedgerKind,
} from '@vc/types';
import type { Principal } from '../../shared/principal';
import { monthOf, monthStart } from '../../shared/periods';
import { principalOf } from '../accounts/service';
import { activeAssignmentsOf } from '../counsel/queries';
import { demoUsers, upsertDemoUser, type UserDoc } from '../users/queries';
import * as ledger from '../ledger/entries';
import { review } from '../ledger/reviews';
import * as consultations from '../consultations/steps';
import type { ContentCheck, Verdict } from '../content-check/text';
import type { WechatClient } from '../wechat/client';
import { checkMember, decideJoin, join } from '../groups/membership';
import { post } from '../groups/posting';
import { hallStories } from './history-hall';
import {
  APPROVE,
  ROWS,
  SCENARIOS,
  TOWNSHIP_POSTS,
  VILLAGE_POSTS,
  VILLAGERS,
  type Handler,
  type Post,
  type Row,
  type VillagerKey,
} from './history-script';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The demo's own texts need no check by WeChat: a fixed verdict stands in for it. */
const verdict =
  (v: Verdict): ContentCheck =>
  () =>
    Promise.resolve(v);
const PASS = verdict('pass');

/** Answers are announced only where WeChat is configured (`configured: false`): this client is never called. */
const refuse = () => Promise.reject(new Error('demo history never calls WeChat'));
const NO_WECHAT: WechatClient = {
  code2Session: refuse,
  getUnlimitedQrCode: refuse,
  msgSecCheck: refuse,
  imgSecCheck: refuse,
  mediaCheckAsync: refuse,
  getUserPhoneNumber: refuse,
  sendSubscribeMessage: refuse,
};
const NO_NOTICE: consultations.AnswerNotice = { wechat: NO_WECHAT, templateId: '', configured: false };

// --- people ---

interface Cast {
  counsel: { user: UserDoc; principal: Principal; villages: string[] }[];
  /** township staff by township code */
  township: Map<string, Principal>;
  expert: Principal | null;
  villagers: Map<VillagerKey, Principal & { villageCode: string }>;
}

const act = async (user: UserDoc) => principalOf(user, 'demo-history');

async function castOf(): Promise<Cast | null> {
  const demo = new Map((await demoUsers()).map((u) => [u.openid, u]));
  const lin = demo.get('demo:villager-bound');
  const counsel = [demo.get('demo:counsel-0'), demo.get('demo:counsel-1')];
  if (!lin?.villageCode || !counsel[0] || !counsel[1]) return null;
  const linCode = lin.villageCode;
  const cast: Cast = { counsel: [], township: new Map(), expert: null, villagers: new Map() };
  cast.counsel = await Promise.all(
    (counsel as UserDoc[]).map(async (user) => {
      const [assigned, principal] = await Promise.all([activeAssignmentsOf(user._id), act(user)]);
      return { user, principal, villages: assigned.map((a) => a.villageCode).sort() };
    }),
  );
  if (cast.counsel.some((c) => c.villages.length === 0)) return null;
  const staff = [...demo.values()].flatMap((user) =>
    user.roles.filter((r) => r.role === 'township_staff').map((r) => ({ user, townshipCode: r.placeCode })),
  );
  const expert = demo.get('demo:county-expert');
  await Promise.all([
    ...staff.map(async ({ user, townshipCode }) => void cast.township.set(townshipCode, await act(user))),
    (async () => void (cast.expert = expert ? await act(expert) : null))(),
    (async () => void cast.villagers.set('lin', { ...(await act(lin)), villageCode: linCode }))(),
    ...(Object.entries(VILLAGERS) as [keyof typeof VILLAGERS, (typeof VILLAGERS)[keyof typeof VILLAGERS]][]).map(
      async ([key, v]) => {
        const villages = cast.counsel[v.counsel]!.villages;
        const villageCode = villages[Math.min(v.village, villages.length - 1)]!;
        const user = await upsertDemoUser(v.openid, { name: v.name, phone: v.phone, villageCode, demo: false });
        if (user.villageCode) cast.villagers.set(key, { ...(await act(user)), villageCode: user.villageCode });
      },
    ),
  ]);
  return cast;
}

/**
 * Runs independent stories side by side (`limit` at a time): each one's records are written in
 * order, but the database answers several stories at once, which halves the time of a first start.
 */
async function inParallel(tasks: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
}

/** What a run wrote. */
interface Written {
  ledgerEntries: number;
  ledgerReviews: number;
  consultations: number;
  consultationSteps: number;
  groupRecords: number;
  cases: number;
  caseSteps: number;
}

// --- the anchor ---

const FIRST_QUESTION = {
  clientKey: 'demo-history-q01',
  question: '邻居家翻盖房子，把院墙往我家这边砌出来一米多，跟他说了也不听，我该怎么办？',
  hoursAgo: 3,
};

/**
 * The history's "today": the first record written (the newest waiting question) is asked
 * FIRST_QUESTION.hoursAgo before it, so a later run finds that question and recomputes every date
 * from the same instant.
 */
async function anchor(lin: Principal, now: Date): Promise<{ t0: Date; created: boolean }> {
  const body = AskBody.parse({ clientKey: FIRST_QUESTION.clientKey, question: FIRST_QUESTION.question });
  const asked = new Date(now.getTime() - FIRST_QUESTION.hoursAgo * HOUR);
  const { consultation, created } = await consultations.ask(lin, body, PASS, asked);
  const at = consultation.steps[0]?.at;
  return { t0: at ? new Date(Date.parse(at) + FIRST_QUESTION.hoursAgo * HOUR) : now, created };
}

// --- ledger ---

const KIND_KEY: Record<LedgerKind, string> = {
  on_site_duty: 'duty',
  consultation: 'consult',
  lecture: 'lecture',
  mediation: 'mediation',
  document_drafting: 'document',
  village_rules_review: 'rules',
  legal_opinion: 'opinion',
  home_visit: 'visit',
};

/** The Beijing month `back` months before the month of `at`. */
function monthBefore(at: Date, back: number): string {
  let month = monthOf(at);
  for (let i = 0; i < back; i++) month = monthOf(monthStart(month).getTime() - 1);
  return month;
}

const beijing = (month: string, day: number, [hour, minute]: [number, number]) =>
  new Date(monthStart(month).getTime() + (day - 1) * DAY + hour * HOUR + minute * 60_000);

/** One story per counsel and village: its entries in order, each reviewed as the township did. */
async function ledgerStories(cast: Cast, t0: Date, written: Written): Promise<(() => Promise<void>)[]> {
  /** the entry under this key: listed already, else submitted (a retry of an unlisted one answers the first record) */
  const entryFor = async (principal: Principal, body: SubmitLedgerEntryBody, listed: LedgerEntry | undefined) => {
    if (listed) return listed;
    const { entry, created } = await ledger.submit(principal, body, t0);
    if (created) written.ledgerEntries++;
    return entry;
  };
  const reviewed = async (entry: LedgerEntry, decision: Decision, at: Date) => {
    if (entry.status !== 'pending') return;
    if (await reviewOf(cast, entry, decision, at)) written.ledgerReviews++;
  };
  // what each counsel recorded already, by key: a second run submits and reviews nothing again
  const recordedBy = await Promise.all(
    cast.counsel.map(async (c) => new Map((await ledger.listMine(String(c.user._id), {})).map((e) => [e.clientKey, e]))),
  );
  const one = async (c: number, row: Row) => {
    const counsel = cast.counsel[c]!;
    const recorded = recordedBy[c]!;
    const villageCode = counsel.villages[row.v];
    if (!villageCode) return;
    const month = monthBefore(t0, row.m);
    const start = beijing(month, Math.min(row.day + c, 28), row.at);
    const end = new Date(start.getTime() + row.minutes * 60_000);
    if (end.getTime() > t0.getTime()) return; // not yet happened
    const key = `demo-history-${month}-c${c}-v${row.v}-${KIND_KEY[row.kind]}`;
    const body = SubmitLedgerEntryBody.parse({
      clientKey: key,
      villageCode,
      kind: row.kind,
      mode: row.remote ? 'remote' : 'on_site',
      startAt: start.toISOString(),
      endAt: end.toISOString(),
      summary: row.summary,
      attendees: row.attendees,
    });
    const entry = await entryFor(counsel.principal, body, recorded.get(key));
    // the second demo counsel's entries are all approved (their township has nothing to correct)
    const decision = row.review && (c === 0 || row.review.decision === 'approve') ? row.review : row.review ? APPROVE : null;
    if (!decision) return;
    const reviewedAt = new Date(Math.min(end.getTime() + 3 * DAY, t0.getTime() - HOUR));
    await reviewed(entry, decision, reviewedAt);
    if (decision.decision === 'return' && decision.correction) {
      const fixKey = `${key}-fix`;
      const fix = SubmitLedgerEntryBody.parse({
        ...body,
        clientKey: fixKey,
        summary: decision.correction,
        correctsEntryId: entry.id,
      });
      const corrected = await entryFor(counsel.principal, fix, recorded.get(fixKey));
      await reviewed(corrected, APPROVE, new Date(Math.min(reviewedAt.getTime() + 3 * DAY, t0.getTime() - HOUR)));
    }
  };
  // the second demo counsel keeps a shorter ledger (their first village, and this month): the seed
  // runs at every start, and each entry and review is several queries
  const kept = (c: number, row: Row) => c === 0 || row.v === 0 || row.m === 0;
  return cast.counsel.flatMap((counsel, c) =>
    counsel.villages.map((_, v) => async () => {
      for (const row of ROWS) if (row.v === v && kept(c, row)) await one(c, row);
    }),
  );
}

type Decision = { decision: 'approve' } | { decision: 'return'; reason: string };

/** The township office's review, as its route makes it; false when the township has no demo staff (stays pending). */
async function reviewOf(cast: Cast, entry: LedgerEntry, decision: Decision, at: Date): Promise<boolean> {
  const townshipCode = entry.villageCode.slice(0, 9);
  const reviewer = cast.township.get(townshipCode);
  if (!reviewer) return false;
  const body = ReviewLedgerEntryBody.parse(
    decision.decision === 'approve' ? { decision: 'approve' } : { decision: 'return', reason: decision.reason },
  );
  await review(townshipCode, entry.id, body, reviewer.userId, undefined, at);
  return true;
}

// --- consultations ---

/** One story per consultation: asked, then its steps in order. */
function consultationStories(cast: Cast, t0: Date, written: Written): (() => Promise<void>)[] {
  const ago = (hours: number) => new Date(t0.getTime() - hours * HOUR);
  const counselOf = new Map(cast.counsel.flatMap((c) => c.villages.map((v) => [v, c.principal] as const)));
  return SCENARIOS.map((s) => async () => {
    const asker = cast.villagers.get(s.asker);
    if (!asker) return;
    const body = AskBody.parse({ clientKey: s.key, question: s.question });
    const { consultation, created } = await consultations.ask(asker, body, PASS, ago(s.hoursAgo));
    if (created) written.consultations++;
    const who = (by: Handler | 'asker'): Principal | null | undefined =>
      by === 'asker'
        ? asker
        : by === 'counsel'
          ? counselOf.get(asker.villageCode)
          : by === 'township'
            ? cast.township.get(asker.villageCode.slice(0, 9))
            : cast.expert;
    // step 1 is the asking: step i + 2 records s.steps[i], so what is recorded already is skipped
    for (const [i, step] of s.steps.entries()) {
      if (consultation.steps.length >= i + 2) continue;
      const principal = who(step.by);
      if (!principal) break; // nobody to act (no demo staff there): the story stops here
      const at = ago(step.hoursAgo);
      const stepKey = `${s.key}-s${i + 1}`;
      if (step.act === 'answer')
        await consultations.answer(
          principal,
          consultation.id,
          AnswerBody.parse({ clientKey: stepKey, text: step.text }),
          NO_NOTICE,
          PASS,
          at,
        );
      else if (step.act === 'followUp')
        await consultations.followUp(
          principal,
          consultation.id,
          AnswerBody.parse({ clientKey: stepKey, text: step.text }),
          PASS,
          at,
        );
      else if (step.act === 'escalate')
        await consultations.escalate(principal, consultation.id, EscalateBody.parse({ reason: step.reason }).reason, PASS, at);
      else if (step.act === 'close') await consultations.close(principal, consultation.id, step.note, PASS, at);
      else await consultations.rate(principal, consultation.id, Rating.parse(step.rating), PASS, at);
      written.consultationSteps++;
    }
  });
}

// --- groups ---

/** The village group's story (and the township group's): in order, since a group's messages are numbered. */
async function groupStory(cast: Cast, written: Written): Promise<void> {
  const lin = cast.villagers.get('lin')!;
  const villageCode = lin.villageCode;
  const townshipCode = villageCode.slice(0, 9);
  const staff = cast.township.get(townshipCode);
  const counsel = cast.counsel.find((c) => c.villages.includes(villageCode))?.principal;
  if (!staff || !counsel) return;
  const cadreUser = (await demoUsers()).find((u) => u.openid === 'demo:village-cadre');
  const cadre = cadreUser ? await act(cadreUser) : null;

  // 陈秀英 asked to join and was let in; 杨淑珍's request is still waiting for the township office
  for (const [key, note, approve] of [
    ['chen', '我是本村村民，想加入群里了解法律知识', true],
    ['yang', '本村村民，想在群里向法律顾问咨询问题', false],
  ] as const) {
    const villager = cast.villagers.get(key);
    if (!villager) continue;
    const standing = await join(villager, villageCode, note);
    if (approve && standing === 'pending') {
      await decideJoin(staff, villageCode, villager.userId, 'approve');
      written.groupRecords++;
    }
  }

  const authors = { cadre, counsel, township: staff } as Record<string, Principal | null | undefined>;
  const postAll = async (groupCode: string, posts: Post[]) => {
    for (const p of posts) {
      const author = authors[p.by] ?? cast.villagers.get(p.by as VillagerKey);
      if (!author) continue;
      await checkMember(author, groupCode, 'post'); // the route's guard
      const body = PostGroupMessageBody.parse({ clientKey: p.key, text: p.text });
      const { created } = await post(author, groupCode, body, verdict(p.held ? 'review' : 'pass'));
      if (created) written.groupRecords++;
    }
  };
  await postAll(villageCode, VILLAGE_POSTS);
  await postAll(townshipCode, TOWNSHIP_POSTS);
}

export interface HistoryResult extends Written {
  /** the instant the history is relative to (the first run's `now`) */
  anchor: Date;
}

/** Stories written at once: enough to keep the database busy, few enough for a 2-core machine. */
const STORIES_AT_ONCE = 4;

/**
 * Seeds the demo history relative to `now` (on a later run: relative to the first run's `now`).
 * Needs seedDemo's people and assignments; does nothing without them. Answers what it wrote
 * (all zero on a second run).
 */
export async function seedDemoHistory(now = new Date()): Promise<HistoryResult> {
  const written: Written = {
    ledgerEntries: 0,
    ledgerReviews: 0,
    consultations: 0,
    consultationSteps: 0,
    groupRecords: 0,
    cases: 0,
    caseSteps: 0,
  };
  const cast = await castOf();
  if (!cast) return { anchor: now, ...written };
  const { t0, created } = await anchor(cast.villagers.get('lin')!, now);
  if (created) written.consultations++;
  const countyStaff = (await demoUsers()).find((u) => u.openid === 'demo:county-staff');
  const counselOf = new Map(cast.counsel.flatMap((c) => c.villages.map((v) => [v, c.principal] as const)));
  const hall = hallStories(
    {
      villagers: cast.villagers,
      counselOf: (villageCode) => counselOf.get(villageCode),
      township: cast.township,
      county: countyStaff ? await act(countyStaff) : null,
    },
    t0,
    written,
  );
  await inParallel(
    [
      () => groupStory(cast, written),
      ...(await ledgerStories(cast, t0, written)),
      ...consultationStories(cast, t0, written),
      ...hall,
    ],
    STORIES_AT_ONCE,
  );
  return { anchor: t0, ...written };
}
