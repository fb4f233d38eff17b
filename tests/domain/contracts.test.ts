import { z } from '../../types/src/zod';
import { fillPath, PATHS } from '../../types/src';
import { COUNTY_POLICY_LIMITS, ROUTES, UpdateCountyPolicyBody, type RouteContract } from '../../types/src';
import { buildOpenApiDocument } from '../../types/src/openapi';

const routes = Object.entries(ROUTES) as [string, RouteContract][];
const pathParams = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);

describe('fillPath', () => {
  it('fills every :name segment', () => {
    expect(
      fillPath('/api/counties/:countyCode/assignments/:assignmentId/end', { countyCode: '210921', assignmentId: 'abc' }),
    ).toBe('/api/counties/210921/assignments/abc/end');
  });

  it('URI-encodes the values', () => {
    expect(fillPath('/api/places/invite/:inviteCode', { inviteCode: 'a/b c?d#e' })).toBe('/api/places/invite/a%2Fb%20c%3Fd%23e');
    expect(fillPath('/api/places/:code/children', { code: '../admin' })).toBe('/api/places/..%2Fadmin/children');
    expect(fillPath('/api/places/:code/children', { code: '富民' })).toBe('/api/places/%E5%AF%8C%E6%B0%91/children');
  });

  it('throws on a missing parameter, naming it', () => {
    expect(() => fillPath('/api/counties/:countyCode/policy', {})).toThrow(/countyCode/);
    expect(() => fillPath('/api/counties/:countyCode/policy')).toThrow(/missing path parameter/);
    expect(() => fillPath('/api/villages/:villageCode/counsel/:counselId/contact', { villageCode: '210921100202' })).toThrow(
      /counselId/,
    );
  });

  it('an empty string is a value, extra parameters are ignored, a path without parameters is unchanged', () => {
    expect(fillPath('/api/places/:code/children', { code: '' })).toBe('/api/places//children');
    expect(fillPath('/api/me', { extra: 'x' })).toBe('/api/me');
  });
});

describe('route table', () => {
  it('has exactly the routes of PATHS, each with its own id', () => {
    expect(Object.keys(ROUTES).sort()).toEqual(Object.keys(PATHS).sort());
    for (const [id, route] of routes) expect(route.id).toBe(id);
  });

  it.each(routes)('%s: method and path equal PATHS', (id, route) => {
    const entry = PATHS[id as keyof typeof PATHS];
    expect({ method: route.method, path: route.path }).toEqual({ method: entry.method, path: entry.path });
  });

  it('method + path pairs are unique', () => {
    const keys = routes.map(([, r]) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  const scoped = routes.filter(([, r]) => r.access.kind === 'role' && r.access.scope !== null);

  it('there are role routes with a scope', () => {
    expect(scoped.length).toBeGreaterThan(3);
  });

  it.each(scoped)('%s: the scope names a path parameter of its path, validated by its params schema', (_id, route) => {
    const scope = (route.access as { scope: string }).scope;
    expect(pathParams(route.path)).toContain(scope);
    expect(route.params).toBeInstanceOf(z.ZodObject);
    expect(Object.keys((route.params as z.AnyZodObject).shape)).toContain(scope);
  });

  it.each(routes.filter(([, r]) => pathParams(r.path).length > 0))(
    '%s: every path parameter has a params schema key',
    (_id, route) => {
      expect(route.params).toBeInstanceOf(z.ZodObject);
      expect(Object.keys((route.params as z.AnyZodObject).shape).sort()).toEqual(pathParams(route.path).sort());
    },
  );

  it('every login route and every route by which people post is rate limited (issue 5)', () => {
    const limited = routes.filter(([, r]) => r.rateLimit).map(([id, r]) => `${id}:${r.rateLimit}`);
    expect(limited.sort()).toEqual(
      [
        'wechatLogin:login',
        'cloudLogin:login',
        'demoLogin:login',
        'webLoginStart:login',
        'webLogin:login',
        'scanTicketCreate:login',
        'shareArticle:post',
        'uploadArticlePhoto:post',
        'postGroupMessage:post',
        'publishArticle:post',
        'askConsultation:post',
        'uploadConsultationPhoto:post',
        'openCase:post',
        // lectures (issue 17 item 1): an announcement posts to the village's group
        'announceLecture:post',
        'uploadCasePhoto:post',
        'followUpConsultation:post',
        // counsel profiles: photo uploads and WeChat's (paid) phone-number exchange
        'uploadMyCounselPhoto:post',
        'uploadCounselPhoto:post',
        'myCounselWechatPhone:post',
        'myWechatPhone:post',
        'redeemInvitation:post',
        // reports (issue 13)
        'reportGroupMessage:post',
        'reportConsultationReply:post',
        // avatars (issue 13 item 6)
        'uploadAvatar:post',
      ].sort(),
    );
  });

  it('GET routes take no body', () => {
    for (const [, route] of routes.filter(([, r]) => r.method === 'get')) expect(route.body).toBeUndefined();
  });

  // A body schema for every non-GET route that takes one, and it refuses unknown fields.
  const validBodies: Record<string, unknown> = {
    declineResident: { reason: '经核实不在本村居住' },
    wechatPush: {
      ToUserName: 'gh_7bf1f1389686',
      FromUserName: 'or9bw69jaWwJlF-6u0z3qT3KmO2k',
      CreateTime: 1762329554,
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: 'wxb04d1be1ede56d47',
      trace_id: '690b03d2-301f6111-35ffbd44',
      version: 2,
      result: { suggest: 'pass', label: '100' },
      detail: [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: '100', prob: 90 }],
    },
    postGroupMessage: { clientKey: 'post-0001', text: '请问宅基地怎么确权？' },
    removeGroupMessage: { reason: '与本群无关' },
    decideJoinRequest: { decision: 'approve' },
    moderateMember: { action: 'mute', reason: '多次发广告' },
    joinGroup: { note: '村民代表' },
    decideHeldPost: { decision: 'release' },
    askConsultation: { clientKey: 'ask-00001', question: '邻居占用了我家宅基地怎么办' },
    answerConsultation: { clientKey: 'answer-001', text: '可以先找村调委会调解' },
    followUpConsultation: { clientKey: 'follow-001', text: '调解不成怎么办？' },
    escalateConsultation: { reason: '涉及土地确权' },
    closeConsultation: {},
    rateConsultation: { attitude: 5, efficiency: 4, competence: 5, comment: '很耐心' },
    checkLegalAid: { matter: 'labour_and_wages', householdSize: 3, monthlyIncome: 2400 },
    openCase: {
      kind: 'mediation',
      clientKey: 'abcdefgh1',
      disputeKind: 'land',
      account: '邻居占了我家宅基地',
      otherPartyName: '张三',
    },
    actOnCase: { act: 'answer', clientKey: 'abcdefgh2', text: '已核实并答复' },
    rateCase: { attitude: 5, efficiency: 5, competence: 4 },
    rateServedService: { attitude: 4, efficiency: 5, competence: 5, comment: '讲得清楚' },
    recordInspection: { active: true, privateDataFound: false, improperContentFound: true, actionTaken: '已删除并提醒发布人' },
    publishArticle: {
      clientKey: 'article-key-1',
      title: '防范电信诈骗',
      text: '陌生来电自称公检法要求转账的，一律是诈骗，请立即挂断并拨打110。',
      category: 'fraud_prevention',
      scopeCode: '210921001001',
    },
    withdrawArticle: { reason: '内容已过时' },
    shareArticle: { clientKey: 'share-key-1' },
    // call-backs (issue 16 item 5)
    recordCallback: { reached: true, satisfied: true, notes: '对调解结果满意' },
    // content checks and reports (issue 13)
    decideHeldConsultationText: { decision: 'reject', reason: '含有不实信息' },
    reportGroupMessage: { reason: 'fraud', text: '疑似诈骗' },
    reportConsultationReply: { reason: 'abuse' },
    decideReport: { decision: 'remove', reason: '经核实属实' },
    decideCountyReport: { decision: 'dismiss', reason: '经核实不属实' },
    // privacy (issue 13): consent to the policy in force, account cancellation
    privacyConsent: { version: '2026-12-01', via: 'miniprogram' },
    cancelAccount: { confirm: '注销' },
    // subscribe-message consent (issue 13 item 5): what a tap on wx.requestSubscribeMessage returned
    recordNotices: { clientKey: 'tap-00000001', results: { 'answer-template-id': 'accept', 'join-template-id': 'reject' } },
    wechatLogin: { code: 'wx-code-1' },
    cloudLogin: { openid: 'o-abc', unionid: 'u-abc' },
    demoLogin: { userId: '0123456789abcdef01234567' },
    webLoginStart: { redirectUri: 'https://h5.example.cn/#/pages/login/index' },
    webLogin: { code: 'web-code-1', state: 'AbCdEfGhIjKlMnOpQrStUvWx' },
    scanTicketCreate: {},
    scanTicketPoll: {},
    scanTicketConfirm: {},
    scanTicketDecline: {},
    updateProfile: { name: '张三', phone: '13812345678' },
    bindVillage: { villageCode: '210921100202' },
    updateCountyPolicy: { maxVillagesPerCounsel: 3, supervisionPhone: '0418-1234567' },
    assignCounsel: { counselId: '0123456789abcdef01234567', villageCode: '210921100202' },
    endAssignment: { reason: '调离本县' },
    submitLedgerEntry: {
      clientKey: 'phone-key-0001',
      villageCode: '210921001001',
      kind: 'lecture',
      startAt: '2026-03-31T22:00:00+08:00',
      endAt: '2026-04-01T01:00:00+08:00',
      summary: '宣讲民法典婚姻家庭编',
      attendees: 40,
    },
    reviewLedgerEntry: { decision: 'return', reason: '时间与签到不符' },
    runReminders: { asOf: '2026-11-27T09:00:00+08:00' },
    // invitations (issue 12)
    createInvitation: { role: 'township_staff', days: 7, uses: 1, note: '新任司法所长' },
    withdrawInvitation: { reason: '发错了人' },
    redeemInvitation: { code: 'ABCD2345' },
    withdrawRole: { role: 'counsel', reason: '调离本县' },
    // counsel profiles (issue 12)
    updateMyCounselProfile: {
      title: '律师',
      specialties: ['婚姻家庭'],
      onSiteHours: [{ villageCode: '210921001001', text: '每周三上午' }],
    },
    correctCounselProfile: { certificateNumber: '12109202110123456', phone: '13812345678' },
    myCounselWechatPhone: { code: 'phone-code-1' },
    myWechatPhone: { code: 'phone-code-1' },
    // machine access (issue 12)
    issueMachineCredential: { name: '辽宁省12348平台' },
    revokeMachineCredential: { reason: '平台停用' },
    // lectures (issue 17 item 1)
    announceLecture: {
      clientKey: 'lecture-0001',
      topic: '民法典与农村土地承包',
      startAt: '2026-12-20T09:30:00+08:00',
      durationMinutes: 90,
      place: '村委会会议室',
      audience: '全体村民',
    },
    moveLecture: { startAt: '2026-12-21T14:00:00+08:00', durationMinutes: 60, place: '村文化广场' },
    cancelLecture: { reason: '顾问临时出庭' },
    signUpLecture: {},
    withdrawLectureSignup: {},
    checkInLecture: { code: 'ab12cd' },
    addLectureAttendee: { name: '张大爷' },
    recordLecture: { summary: '宣讲民法典土地承包相关规定' },
  };
  const bodyless = [
    'logout',
    'counselContact',
    'lockLedgerMonth',
    'takeMessagePrivate',
    'uploadConsultationPhoto',
    'uploadCasePhoto',
    'uploadMyCounselPhoto',
    'uploadCounselPhoto',
    'confirmResident',
    'uploadAvatar',
    'revealCallbackPhone',
    'uploadArticlePhoto',
  ];

  it('the non-GET routes without a body are exactly the known ones', () => {
    const withoutBody = routes.filter(([, r]) => r.method !== 'get' && !r.body).map(([id]) => id);
    expect(withoutBody.sort()).toEqual([...bodyless].sort());
  });

  it.each(routes.filter(([, r]) => r.method !== 'get' && r.body))(
    '%s: has a zod body schema that refuses unknown fields',
    (id, route) => {
      expect(route.body).toBeInstanceOf(z.ZodType);
      const body = route.body!;
      const valid = validBodies[id];
      expect(valid).toBeDefined();
      expect(body.safeParse(valid).success).toBe(true);
      expect(body.safeParse({ ...(valid as object), $where: '1' }).success).toBe(false);
      expect(body.safeParse({ ...(valid as object), isAdmin: true }).success).toBe(false);
    },
  );
});

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument();
  const operations: { id: string; method: string; path: string }[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'delete'] as const) {
      const op = (item as Record<string, { operationId?: string } | undefined>)[method];
      if (op) operations.push({ id: op.operationId ?? '', method, path });
    }
  }

  it('has one operation for every route id, at its path and method', () => {
    expect(operations.map((o) => o.id).sort()).toEqual(Object.keys(ROUTES).sort());
    for (const [id, route] of routes) {
      const op = operations.find((o) => o.id === id)!;
      expect(op.method).toBe(route.method);
      expect(op.path).toBe(route.path.replace(/:(\w+)/g, '{$1}'));
    }
  });
});

describe('county policy ranges come from the shared constants', () => {
  it.each(Object.entries(COUNTY_POLICY_LIMITS))('%s: the limits are accepted, one past them refused in Chinese', (key, limit) => {
    expect(UpdateCountyPolicyBody.safeParse({ [key]: limit.min }).success).toBe(true);
    expect(UpdateCountyPolicyBody.safeParse({ [key]: limit.max }).success).toBe(true);
    const over = UpdateCountyPolicyBody.safeParse({ [key]: limit.max + 1 });
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toMatch(new RegExp(`^不应超过${limit.max}`));
    expect(UpdateCountyPolicyBody.safeParse({ [key]: limit.min - 1 }).success).toBe(false);
    if (limit.integer) expect(UpdateCountyPolicyBody.safeParse({ [key]: limit.min + 0.5 }).success).toBe(false);
  });
});
