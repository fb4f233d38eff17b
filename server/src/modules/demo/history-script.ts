/**
 * What the demo history says (issue 14 item 9): its villagers, the ledger entries of the two demo
 * counsel, the consultations and their steps, and the group posts. Only data: history.ts writes it
 * through the modules' use cases. Times are relative (months, days and hours before the anchor).
 */
import type { LedgerKind, Rating } from '@vc/types';

/** Villagers of the history (not offered on the demo login page): where they live is a village of a demo counsel. */
export const VILLAGERS = {
  chen: { openid: 'demo:history-villager-chen', name: '陈秀英', phone: '17000000201', counsel: 0, village: 0 },
  liu: { openid: 'demo:history-villager-liu', name: '刘德明', phone: '17000000202', counsel: 0, village: 1 },
  zhang: { openid: 'demo:history-villager-zhang', name: '张玉梅', phone: '17000000203', counsel: 0, village: 2 },
  zhao: { openid: 'demo:history-villager-zhao', name: '赵立新', phone: '17000000204', counsel: 1, village: 0 },
  yang: { openid: 'demo:history-villager-yang', name: '杨淑珍', phone: '17000000205', counsel: 0, village: 0 },
} as const;
export type VillagerKey = keyof typeof VILLAGERS | 'lin';

export interface Row {
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

export const APPROVE = { decision: 'approve' } as const;

export const ROWS: Row[] = [
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

export type Handler = 'counsel' | 'township' | 'county';
export type Step =
  | { by: Handler; act: 'answer'; text: string; hoursAgo: number }
  | { by: Handler; act: 'escalate'; reason: string; hoursAgo: number }
  | { by: Handler | 'asker'; act: 'close'; note?: string; hoursAgo: number }
  | { by: 'asker'; act: 'followUp'; text: string; hoursAgo: number }
  | { by: 'asker'; act: 'rate'; rating: Rating; hoursAgo: number };

export interface Scenario {
  key: string;
  asker: VillagerKey;
  question: string;
  hoursAgo: number;
  steps: Step[];
}

export const SCENARIOS: Scenario[] = [
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

export interface Post {
  key: string;
  by: VillagerKey | 'cadre' | 'counsel' | 'township';
  text: string;
  /** held for the township's moderators, as a post WeChat's check doubts */
  held?: boolean;
}

export const VILLAGE_POSTS: Post[] = [
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

export const TOWNSHIP_POSTS: Post[] = [
  {
    key: 'demo-history-t01',
    by: 'township',
    text: '各村法律顾问：请于每月5日前完成上月工作台账填报，司法所将在10日前完成审核。',
  },
  { key: 'demo-history-t02', by: 'counsel', text: '收到，本月台账已提交。' },
];
