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

/** Villagers of the history (not offered on the demo login page): where they live is a village of a demo counsel. */
const VILLAGERS = {
  chen: { openid: 'demo:history-villager-chen', name: '陈秀英', phone: '17000000201', counsel: 0, village: 0 },
  liu: { openid: 'demo:history-villager-liu', name: '刘德明', phone: '17000000202', counsel: 0, village: 1 },
  zhang: { openid: 'demo:history-villager-zhang', name: '张玉梅', phone: '17000000203', counsel: 0, village: 2 },
  zhao: { openid: 'demo:history-villager-zhao', name: '赵立新', phone: '17000000204', counsel: 1, village: 0 },
  yang: { openid: 'demo:history-villager-yang', name: '杨淑珍', phone: '17000000205', counsel: 0, village: 0 },
} as const;
type VillagerKey = keyof typeof VILLAGERS | 'lin';

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

interface Row {
  /** months before the anchor's month (0: this month) */
  m: 0 | 1 | 2 | 3;
  /** the counsel's village, by its place in their sorted villages */
  v: number;
  day: number;
  /** Beijing hour and minute */
  at: [number, number];
  minutes: number;
  kind: LedgerKind;
  remote?: boolean;
  attendees?: number;
  summary: string;
  /** the township's review; none: still pending */
  review?: { decision: 'approve' } | { decision: 'return'; reason: string; correction?: string };
}

const APPROVE = { decision: 'approve' } as const;

const ROWS: Row[] = [
  // three months ago: reviewed
  {
    m: 3,
    v: 0,
    day: 6,
    at: [9, 0],
    minutes: 240,
    kind: 'on_site_duty',
    summary: '在村委会驻村值班，接待来访村民6人次，解答土地承包、赡养纠纷等问题',
    review: APPROVE,
  },
  {
    m: 3,
    v: 0,
    day: 18,
    at: [14, 30],
    minutes: 90,
    kind: 'lecture',
    attendees: 42,
    summary: '开展《民法典》婚姻家庭编专题讲座，发放宣传资料60份',
    review: APPROVE,
  },
  {
    m: 3,
    v: 1,
    day: 8,
    at: [9, 0],
    minutes: 180,
    kind: 'on_site_duty',
    summary: '驻村值班，解答村民关于宅基地确权、外出务工劳动合同的咨询4人次',
    review: APPROVE,
  },
  {
    m: 3,
    v: 1,
    day: 20,
    at: [9, 30],
    minutes: 120,
    kind: 'mediation',
    summary: '参与村调委会调解两户村民因排水沟引发的相邻纠纷，双方达成口头协议',
    review: APPROVE,
  },
  {
    m: 3,
    v: 2,
    day: 10,
    at: [13, 30],
    minutes: 150,
    kind: 'on_site_duty',
    summary: '驻村值班，接待村民咨询3人次，涉及工伤赔偿和借款纠纷',
    review: APPROVE,
  },
  {
    m: 3,
    v: 2,
    day: 22,
    at: [15, 0],
    minutes: 60,
    kind: 'home_visit',
    summary: '走访独居老人两户，了解赡养费落实情况并讲解赡养义务',
    review: APPROVE,
  },
  // two months ago: reviewed; one returned and corrected
  {
    m: 2,
    v: 0,
    day: 5,
    at: [9, 0],
    minutes: 240,
    kind: 'on_site_duty',
    summary: '驻村值班，为村民审查土地流转合同2份，解答咨询5人次',
    review: APPROVE,
  },
  {
    m: 2,
    v: 0,
    day: 16,
    at: [10, 0],
    minutes: 120,
    kind: 'village_rules_review',
    summary: '协助村两委修订村规民约，对征地补偿款分配条款提出合法性审查意见',
    review: APPROVE,
  },
  {
    m: 2,
    v: 1,
    day: 7,
    at: [9, 0],
    minutes: 210,
    kind: 'on_site_duty',
    summary: '驻村值班，解答村民关于离婚财产分割、子女抚养的咨询3人次',
    review: APPROVE,
  },
  {
    m: 2,
    v: 1,
    day: 19,
    at: [9, 30],
    minutes: 150,
    kind: 'mediation',
    summary: '参与调解一起土地边界纠纷',
    review: {
      decision: 'return',
      reason: '调解记录未写明当事人及调解结果，请补充后更正',
      correction: '参与村调委会调解村民张某与李某土地边界纠纷，经现场丈量确认界址，双方签订人民调解协议书',
    },
  },
  {
    m: 2,
    v: 2,
    day: 12,
    at: [9, 0],
    minutes: 120,
    kind: 'on_site_duty',
    summary: '驻村值班，接待村民咨询2人次',
    review: APPROVE,
  },
  {
    m: 2,
    v: 2,
    day: 23,
    at: [19, 30],
    minutes: 45,
    kind: 'consultation',
    remote: true,
    summary: '电话解答村民关于工伤认定申请期限的咨询',
    review: APPROVE,
  },
  // last month: mostly reviewed, one returned awaiting its correction, the last week still pending
  {
    m: 1,
    v: 0,
    day: 4,
    at: [9, 0],
    minutes: 240,
    kind: 'on_site_duty',
    summary: '驻村值班，接待村民来访5人次，现场解答土地承包经营权流转问题',
    review: APPROVE,
  },
  {
    m: 1,
    v: 0,
    day: 14,
    at: [14, 0],
    minutes: 90,
    kind: 'lecture',
    attendees: 35,
    summary: '在村文化广场开展防范电信网络诈骗、养老诈骗普法宣传',
    review: APPROVE,
  },
  {
    m: 1,
    v: 0,
    day: 24,
    at: [10, 0],
    minutes: 60,
    kind: 'document_drafting',
    summary: '为村民起草赡养协议一份，并向当事人逐条说明',
  },
  {
    m: 1,
    v: 1,
    day: 6,
    at: [9, 0],
    minutes: 240,
    kind: 'on_site_duty',
    summary: '驻村值班，解答村民咨询4人次，涉及农村土地征收补偿',
    review: APPROVE,
  },
  {
    m: 1,
    v: 1,
    day: 17,
    at: [15, 0],
    minutes: 90,
    kind: 'legal_opinion',
    summary: '就村集体闲置校舍出租方案出具书面法律意见',
    review: APPROVE,
  },
  {
    m: 1,
    v: 1,
    day: 25,
    at: [9, 30],
    minutes: 120,
    kind: 'mediation',
    summary: '参与调解一起婚约彩礼返还纠纷，双方同意分期返还',
  },
  {
    m: 1,
    v: 2,
    day: 9,
    at: [9, 0],
    minutes: 180,
    kind: 'on_site_duty',
    summary: '驻村值班，接待村民咨询',
    review: { decision: 'return', reason: '服务时间与驻村签到记录不一致，请核实后更正' },
  },
  {
    m: 1,
    v: 2,
    day: 21,
    at: [14, 0],
    minutes: 60,
    kind: 'lecture',
    attendees: 28,
    summary: '在村小学开展未成年人保护法宣讲',
    review: APPROVE,
  },
  // this month: pending (only what has already happened)
  {
    m: 0,
    v: 0,
    day: 2,
    at: [9, 0],
    minutes: 180,
    kind: 'on_site_duty',
    summary: '驻村值班，接待村民咨询4人次，涉及宅基地纠纷和劳务费拖欠',
  },
  {
    m: 0,
    v: 1,
    day: 2,
    at: [14, 30],
    minutes: 60,
    kind: 'consultation',
    remote: true,
    summary: '通过微信视频为外出务工村民解答劳动合同解除问题',
  },
  { m: 0, v: 2, day: 1, at: [10, 0], minutes: 120, kind: 'home_visit', summary: '入户走访困难家庭，告知法律援助申请条件' },
  {
    m: 0,
    v: 0,
    day: 10,
    at: [14, 0],
    minutes: 90,
    kind: 'lecture',
    attendees: 50,
    summary: '开展冬季防火与安全生产法律知识讲座',
  },
  { m: 0, v: 1, day: 15, at: [9, 0], minutes: 240, kind: 'on_site_duty', summary: '驻村值班，解答村民咨询6人次' },
  { m: 0, v: 2, day: 20, at: [9, 0], minutes: 180, kind: 'on_site_duty', summary: '驻村值班，协助村委会审查冬季供暖合同' },
];

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

type Handler = 'counsel' | 'township' | 'county';
type Step =
  | { by: Handler; act: 'answer'; text: string; hoursAgo: number }
  | { by: Handler; act: 'escalate'; reason: string; hoursAgo: number }
  | { by: Handler | 'asker'; act: 'close'; note?: string; hoursAgo: number }
  | { by: 'asker'; act: 'followUp'; text: string; hoursAgo: number }
  | { by: 'asker'; act: 'rate'; rating: Rating; hoursAgo: number };

interface Scenario {
  key: string;
  asker: VillagerKey;
  question: string;
  hoursAgo: number;
  steps: Step[];
}

const SCENARIOS: Scenario[] = [
  // waiting: FIRST_QUESTION (the anchor), and one in the second counsel's village
  {
    key: 'demo-history-q02',
    asker: 'zhao',
    question: '我家承包的鱼塘被村里收回要重新发包，合同还有三年才到期，村里这样做合法吗？',
    hoursAgo: 5,
    steps: [],
  },
  // overdue: nobody has answered for three days
  {
    key: 'demo-history-q03',
    asker: 'liu',
    question: '我在县城工地干了四个月活，包工头一直拖着工钱不给，现在电话也不接了，怎么才能要回来？',
    hoursAgo: 76,
    steps: [],
  },
  // answered, waiting for the asker
  {
    key: 'demo-history-q04',
    asker: 'lin',
    question: '我家的承包地流转给合作社种了五年，合同今年到期，对方不续签也不腾地，该怎么处理？',
    hoursAgo: 50,
    steps: [
      {
        by: 'counsel',
        act: 'answer',
        text: '合同到期后合作社应当按约定返还土地。建议先书面通知对方限期腾退；协商不成，可以申请村调委会调解，也可以向县农村土地承包仲裁委员会申请仲裁。请把合同拍照发我，我帮您看看具体条款。',
        hoursAgo: 30,
      },
    ],
  },
  // answered, then the asker asked again: open with its counsel
  {
    key: 'demo-history-q05',
    asker: 'zhang',
    question: '我父亲去年去世了，没有留遗嘱，家里的房子我们兄妹三人怎么分？',
    hoursAgo: 96,
    steps: [
      {
        by: 'counsel',
        act: 'answer',
        text: '没有遗嘱的，按法定继承处理：第一顺序继承人是配偶、子女、父母，同一顺序继承人原则上均等分配。您母亲是否健在？房屋是否办了不动产登记？',
        hoursAgo: 84,
      },
      {
        by: 'asker',
        act: 'followUp',
        text: '母亲还健在，房子是农村宅基地上的自建房，有宅基地使用证。大哥常年在外地，他的份额能不能放弃？',
        hoursAgo: 48,
      },
    ],
  },
  // escalated to the township office, waiting there
  {
    key: 'demo-history-q06',
    asker: 'lin',
    question: '镇里要修路占我们组十几户的地，补偿标准一直没公布，大家都很着急，能帮忙问问吗？',
    hoursAgo: 44,
    steps: [
      {
        by: 'counsel',
        act: 'answer',
        text: '征收土地应当依法公告补偿标准和安置方案，并听取村民意见。这件事涉及多户村民和征收程序，我先报司法所协调了解情况。',
        hoursAgo: 40,
      },
      { by: 'counsel', act: 'escalate', reason: '涉及多户村民的土地征收补偿，需司法所协调有关部门', hoursAgo: 38 },
    ],
  },
  // escalated twice, answered by the county's expert
  {
    key: 'demo-history-q07',
    asker: 'chen',
    question: '我在镇上开的小卖部被市场监管部门罚款五千元，说是卖了过期食品，我觉得罚得太重，能不能申请复议？',
    hoursAgo: 96,
    steps: [
      {
        by: 'counsel',
        act: 'answer',
        text: '可以申请行政复议，期限是知道处罚决定之日起六十日内。请保存好处罚决定书，我把情况报给司法所。',
        hoursAgo: 92,
      },
      { by: 'counsel', act: 'escalate', reason: '涉及行政处罚复议，需司法所进一步指导', hoursAgo: 90 },
      {
        by: 'township',
        act: 'answer',
        text: '司法所已收到。复议机关和处罚金额是否适当需要看处罚决定书，我们报县司法局请专家研判。',
        hoursAgo: 72,
      },
      { by: 'township', act: 'escalate', reason: '行政复议专业性强，提请县局专家研判', hoursAgo: 70 },
      {
        by: 'county',
        act: 'answer',
        text: '经研判：您可以向县人民政府申请行政复议，也可以直接向法院提起行政诉讼。初次违法且货值金额较小的，可以主张从轻处罚。复议申请书可请本村法律顾问协助起草。',
        hoursAgo: 24,
      },
    ],
  },
  // closed by the asker, not rated yet
  {
    key: 'demo-history-q08',
    asker: 'lin',
    question: '儿子在外地打工被车撞了，对方保险公司只愿意赔两万，我们能不能要求更多？',
    hoursAgo: 20 * 24,
    steps: [
      {
        by: 'counsel',
        act: 'answer',
        text: '赔偿范围包括医疗费、误工费、护理费、交通费等，伤残的还有残疾赔偿金。建议先做伤残鉴定，再按鉴定结果和票据计算，协商不成可以起诉，符合条件的可以申请法律援助。',
        hoursAgo: 20 * 24 - 6,
      },
      { by: 'asker', act: 'close', note: '明白了，我们先去做鉴定，谢谢王律师', hoursAgo: 18 * 24 },
    ],
  },
  // closed by the counsel and rated
  {
    key: 'demo-history-q09',
    asker: 'lin',
    question: '我们几户想合伙买一台收割机，怎么写合伙协议才能避免以后扯皮？',
    hoursAgo: 40 * 24,
    steps: [
      {
        by: 'counsel',
        act: 'answer',
        text: '合伙协议要写明各人出资额、收割机归谁保管、使用顺序、维修费用分担、对外作业收入怎么分，以及有人退伙时怎么折价。下周驻村时我可以帮大家起草。',
        hoursAgo: 40 * 24 - 5,
      },
      { by: 'asker', act: 'followUp', text: '好的，下周三上午我们几户一起去村委会找您。', hoursAgo: 39 * 24 },
      { by: 'counsel', act: 'answer', text: '好的，请带上身份证复印件和购机发票，协议当场起草、签字。', hoursAgo: 39 * 24 - 2 },
      { by: 'counsel', act: 'close', note: '已为五户村民起草并签订合伙协议', hoursAgo: 37 * 24 },
      {
        by: 'asker',
        act: 'rate',
        rating: { attitude: 5, efficiency: 5, competence: 5, comment: '王律师讲得很清楚，还当场帮我们起草了协议，非常感谢！' },
        hoursAgo: 36 * 24,
      },
    ],
  },
  // escalated to the township, answered there, closed and rated
  {
    key: 'demo-history-q10',
    asker: 'liu',
    question: '村里低保评定不公开，我家条件困难申请了两次都没批，应该找谁反映？',
    hoursAgo: 45 * 24,
    steps: [
      {
        by: 'counsel',
        act: 'answer',
        text: '低保评定应当民主评议并张榜公示。您的情况我先了解一下，并报司法所协调民政部门。',
        hoursAgo: 45 * 24 - 8,
      },
      { by: 'counsel', act: 'escalate', reason: '涉及低保评定程序，需司法所协调民政办', hoursAgo: 45 * 24 - 10 },
      {
        by: 'township',
        act: 'answer',
        text: '已与镇民政办沟通，您可以重新提交申请，民政办将入户核查，评议结果会在村务公开栏公示七天，对结果有异议可以提出复核。',
        hoursAgo: 43 * 24,
      },
      { by: 'township', act: 'close', note: '已协调民政办入户核查', hoursAgo: 41 * 24 },
      {
        by: 'asker',
        act: 'rate',
        rating: { attitude: 5, efficiency: 4, competence: 4, comment: '司法所帮着联系了民政办，总算有人管了。' },
        hoursAgo: 40 * 24,
      },
    ],
  },
  // answered late, closed and rated lower
  {
    key: 'demo-history-q11',
    asker: 'zhang',
    question: '借给亲戚三万块钱，只有一张借条没写还款日期，现在他不还，还能起诉吗？',
    hoursAgo: 70 * 24,
    steps: [
      {
        by: 'counsel',
        act: 'answer',
        text: '没有约定还款期限的，您可以随时要求还款，诉讼时效从您催要后对方明确拒绝或宽限期届满时起算。建议先发一条催款短信留存证据，再决定是否起诉。',
        hoursAgo: 68 * 24,
      },
      { by: 'counsel', act: 'close', hoursAgo: 66 * 24 },
      {
        by: 'asker',
        act: 'rate',
        rating: { attitude: 4, efficiency: 2, competence: 4, comment: '答复有点慢，不过解释得挺耐心。' },
        hoursAgo: 65 * 24,
      },
    ],
  },
  // the second demo counsel: answered, closed and rated
  {
    key: 'demo-history-q12',
    asker: 'zhao',
    question: '儿媳妇要离婚，孙子的抚养权一般判给谁？我们老人能不能争取探望？',
    hoursAgo: 25 * 24,
    steps: [
      {
        by: 'counsel',
        act: 'answer',
        text: '抚养权按最有利于未成年子女的原则确定，两周岁以上的孩子由法院综合双方条件判决，八周岁以上的还要尊重孩子的意愿。祖父母的探望可以通过协商或由父母一方行使探望权时一并安排。',
        hoursAgo: 25 * 24 - 4,
      },
      { by: 'counsel', act: 'close', hoursAgo: 23 * 24 },
      {
        by: 'asker',
        act: 'rate',
        rating: { attitude: 5, efficiency: 5, competence: 4, comment: '李律师很专业，说得明白。' },
        hoursAgo: 22 * 24,
      },
    ],
  },
];

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

interface Post {
  key: string;
  by: VillagerKey | 'cadre' | 'counsel' | 'township';
  text: string;
  /** held for the township's moderators, as a post WeChat's check doubts */
  held?: boolean;
}

const VILLAGE_POSTS: Post[] = [
  { key: 'demo-history-g01', by: 'cadre', text: '各位村民：下周三上午王律师来村委会驻村服务，有法律问题的可以提前准备好材料。' },
  { key: 'demo-history-g02', by: 'lin', text: '请问王律师，土地流转合同到期了，对方不续签也不腾地，这种情况怎么办？' },
  {
    key: 'demo-history-g03',
    by: 'counsel',
    text: '合同到期后对方应当按约定返还土地。建议先协商，协商不成可以申请村调委会调解，也可以申请农村土地承包仲裁。具体情况可以点“私下咨询”发给我。',
  },
  { key: 'demo-history-g04', by: 'lin', text: '好的，谢谢王律师！' },
  { key: 'demo-history-g05', by: 'chen', text: '最近有人打电话说是医保局的，让我转账激活医保卡，这是不是骗子？' },
  {
    key: 'demo-history-g06',
    by: 'counsel',
    text: '是诈骗。医保部门不会打电话让群众转账，遇到这种电话直接挂断，不要点陌生链接，拿不准的可以在群里问或者找村委会。',
  },
  { key: 'demo-history-g07', by: 'township', text: '司法所提醒：本月中旬将在镇政府举办《民法典》宣讲，欢迎各村村民参加。' },
  { key: 'demo-history-g08', by: 'chen', text: '听说村东头开饭店的那家欠了好几户的钱不还，大家以后别去他家吃饭了！', held: true },
];

const TOWNSHIP_POSTS: Post[] = [
  {
    key: 'demo-history-t01',
    by: 'township',
    text: '各村法律顾问：请于每月5日前完成上月工作台账填报，司法所将在10日前完成审核。',
  },
  { key: 'demo-history-t02', by: 'counsel', text: '收到，本月台账已提交。' },
];

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
  const written: Written = { ledgerEntries: 0, ledgerReviews: 0, consultations: 0, consultationSteps: 0, groupRecords: 0 };
  const cast = await castOf();
  if (!cast) return { anchor: now, ...written };
  const { t0, created } = await anchor(cast.villagers.get('lin')!, now);
  if (created) written.consultations++;
  await inParallel(
    [() => groupStory(cast, written), ...(await ledgerStories(cast, t0, written)), ...consultationStories(cast, t0, written)],
    STORIES_AT_ONCE,
  );
  return { anchor: t0, ...written };
}
