/**
 * Call-backs over real HTTP on the embedded database (issue 16 item 5): a township's month's
 * sample drawn from services finished through the API (consultations closed, cases done; not the
 * cancelled), kept once drawn, also when read at once; calls recorded once each, refusals writing
 * nothing; the full number only to the township's staff, logged; the county's coverage.
 */
import mongoose from 'mongoose';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin, type Reply } from '../support/http';
import { services } from '../support/services';
import { drawSample } from '../../server/src/modules/callbacks/policy';

dayjs.extend(utc);
dayjs.extend(timezone);

let stack: Stack;
let call: ReturnType<typeof api>;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const TOWNSHIP = '210921001';
const OTHER_TOWNSHIP = '210921100';
const COUNTY = '210921';
const MONTH = dayjs().tz('Asia/Shanghai').format('YYYY-MM');
const NEXT_MONTH = dayjs().tz('Asia/Shanghai').add(1, 'month').format('YYYY-MM');
const errorCode = (res: Reply) => `${res.status} ${res.body?.error?.code}`;
const collection = (name: string) => mongoose.connection.collection(name);
const list = (who: string, township = TOWNSHIP, query: Record<string, string> = { month: MONTH }) =>
  call('townshipCallbacks', { token: tokens[who], params: { townshipCode: township }, query });
const record = (who: string, callbackId: string, body: unknown, township = TOWNSHIP) =>
  call('recordCallback', { token: tokens[who], params: { townshipCode: township, callbackId }, body });

/** the services finished in the township this month, by what they are */
const finished: { consultations: string[]; cases: string[]; notServed: string[]; open: string[] } = {
  consultations: [],
  cases: [],
  notServed: [],
  open: [],
};
let sample: { id: string; sourceId: string }[] = [];

beforeAll(async () => {
  stack = await startStack();
  call = api(stack.baseUrl);
  for (const name of ['林红霞', '王建国', '王志强', '李志强', '赵振华']) {
    const login = await demoLogin(stack.baseUrl, name);
    tokens[name] = login.token;
    ids[name] = login.user.id;
  }
  const s = services(call, tokens);
  for (let i = 0; i < 6; i++) finished.consultations.push(await s.closedConsultation(`第${i + 1}个问题：宅基地纠纷怎么处理？`));
  finished.cases.push(await s.refusedLegalAid(), await s.mediation('agreement'));
  finished.notServed.push(await s.cancelledLegalAid());
  finished.open.push(await s.ask('还没有答复的问题'), await s.applyLegalAid());
});
afterAll(() => stack?.stop());

describe('the month’s sample', () => {
  it('is drawn on the first read — the same items for readers at once — from the finished services only', async () => {
    const replies = await Promise.all([list('王志强'), list('王志强'), list('赵振华')]);
    for (const r of replies) expect(r.status).toBe(200);
    const reply = replies[0].body;
    // 8 finished (6 consultations, a refused application, a settled mediation); 10% of 8 < 5: 5 drawn
    expect(reply).toMatchObject({ month: MONTH, townshipCode: TOWNSHIP, finished: 8, sharePercent: 10, minimum: 5 });
    expect(reply.items).toHaveLength(5);
    for (const r of replies)
      expect(r.body.items.map((i: { id: string }) => i.id).sort()).toEqual(reply.items.map((i: { id: string }) => i.id).sort());
    expect(await collection('callbacks').countDocuments({ townshipCode: TOWNSHIP, month: MONTH })).toBe(5);

    const stored = await collection('callbacks').find({ townshipCode: TOWNSHIP, month: MONTH }).toArray();
    sample = stored.map((d) => ({ id: String(d._id), sourceId: d.sourceId as string }));
    // exactly the seeded draw of the finished services (never the cancelled or unfinished ones)
    const expected = drawSample([...finished.consultations, ...finished.cases], 10, 5, `${TOWNSHIP}:${MONTH}`);
    expect(sample.map((s) => s.sourceId).sort()).toEqual([...expected].sort());
  });

  it('shows what staff need to call: the kind, a title, the person with a masked number, the handler', async () => {
    const items = (await list('王志强')).body.items as Record<string, any>[];
    const bySource = new Map(sample.map((s) => [s.id, s.sourceId]));
    for (const item of items) {
      const sourceId = bySource.get(item.id)!;
      expect(item).toMatchObject({ personName: '林红霞', villageCode: '210921001001', call: null });
      expect(item.personPhoneMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(item.villageName).not.toBe('');
      expect(Date.parse(item.finishedAt)).toBeGreaterThan(Date.now() - 3600_000);
      if (finished.consultations.includes(sourceId)) {
        expect(item).toMatchObject({ source: 'consultation', kind: 'consultation', handlerName: '王建国' });
        expect(item.title).toMatch(/^第\d个问题/);
      } else if (sourceId === finished.cases[0]) {
        expect(item).toMatchObject({ source: 'case', kind: 'legal_aid', handlerName: '王志强' });
      } else {
        expect(item).toMatchObject({ source: 'case', kind: 'mediation', handlerName: '王建国' });
        // the case's own one-line title (cases/views.ts titleOf), as in every list of cases
        expect(item.title).toMatch(/^土地、宅基地纠纷（对方：/);
      }
    }
    // the full number is in no list
    const phone = (await collection('users').findOne({ _id: new mongoose.Types.ObjectId(ids['林红霞']) }))!.phone as string;
    expect(JSON.stringify(items)).not.toContain(phone);
  });

  it('never changes once drawn: more finished services later leave it as it was', async () => {
    const s = services(call, tokens);
    await s.closedConsultation('后来办结的问题');
    const again = await list('王志强');
    expect(again.body.finished).toBe(9);
    expect(again.body.items.map((i: { id: string }) => i.id).sort()).toEqual(sample.map((x) => x.id).sort());
    expect(await collection('callbacks').countDocuments({ townshipCode: TOWNSHIP, month: MONTH })).toBe(5);
  });

  it('is empty where nothing finished; a month not begun is refused; a malformed month is bad input', async () => {
    const other = await list('李志强', OTHER_TOWNSHIP);
    expect(other.body).toMatchObject({ finished: 0, items: [] });
    const before = await collection('callbacks').countDocuments();
    expect(errorCode(await list('王志强', TOWNSHIP, { month: NEXT_MONTH }))).toBe('400 CALLBACK_MONTH_NOT_STARTED');
    expect(errorCode(await list('王志强', TOWNSHIP, { month: '2026-13' }))).toBe('400 VALIDATION_FAILED');
    expect(await collection('callbacks').countDocuments()).toBe(before);
  });

  it('is read by the township’s staff and the county’s, nobody else', async () => {
    expect(errorCode(await list('李志强'))).toBe('403 OUT_OF_JURISDICTION');
    expect(errorCode(await list('林红霞'))).toBe('403 FORBIDDEN');
    expect(errorCode(await list('王建国'))).toBe('403 FORBIDDEN');
    expect((await list('赵振华')).status).toBe(200);
  });
});

describe('recording a call', () => {
  it('records reached and satisfied once; a second record is refused and the first stands', async () => {
    const first = await record('王志强', sample[0]!.id, { reached: true, satisfied: true, notes: '  对答复很满意  ' });
    expect(first.status).toBe(200);
    expect(first.body.call).toMatchObject({ reached: true, satisfied: true, notes: '对答复很满意', byName: '王志强' });
    const second = await record('王志强', sample[0]!.id, { reached: true, satisfied: false, notes: '改成不满意' });
    expect(errorCode(second)).toBe('409 CALLBACK_ALREADY_RECORDED');
    const shown = (await list('王志强')).body.items.find((i: { id: string }) => i.id === sample[0]!.id);
    expect(shown.call).toMatchObject({ satisfied: true, notes: '对答复很满意' });
    expect(await collection('callback_calls').countDocuments({ callbackId: new mongoose.Types.ObjectId(sample[0]!.id) })).toBe(1);
  });

  it('two records at once: one is kept, the other refused', async () => {
    const [a, b] = await Promise.all([
      record('王志强', sample[1]!.id, { reached: true, satisfied: false, notes: '认为答复太慢' }),
      record('王志强', sample[1]!.id, { reached: true, satisfied: true }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await collection('callback_calls').countDocuments({ callbackId: new mongoose.Types.ObjectId(sample[1]!.id) })).toBe(1);
  });

  it('records a call not reached, without satisfaction', async () => {
    const res = await record('王志强', sample[2]!.id, { reached: false, satisfied: null, notes: '电话无人接听' });
    expect(res.status).toBe(200);
    expect(res.body.call).toMatchObject({ reached: false, satisfied: null, notes: '电话无人接听' });
  });

  it('refuses bad input, other townships and other roles, writing nothing', async () => {
    const before = await collection('callback_calls').countDocuments();
    const target = sample[3]!.id;
    for (const body of [
      { reached: false, satisfied: true },
      { reached: true },
      { reached: true, satisfied: null },
      { reached: 'yes', satisfied: true },
      { reached: true, satisfied: true, notes: '很'.repeat(501) },
      { reached: true, satisfied: true, by: ids['王建国'] },
    ])
      expect(errorCode(await record('王志强', target, body))).toBe('400 VALIDATION_FAILED');
    expect(errorCode(await record('王志强', 'not-an-id', { reached: false, satisfied: null }))).toBe('400 VALIDATION_FAILED');
    // another township's staff: not theirs to record here, and no such item in their own township
    expect(errorCode(await record('李志强', target, { reached: false, satisfied: null }))).toBe('403 OUT_OF_JURISDICTION');
    expect(errorCode(await record('李志强', target, { reached: false, satisfied: null }, OTHER_TOWNSHIP))).toBe(
      '404 CALLBACK_NOT_FOUND',
    );
    // the township's staff record; the county reads
    expect(errorCode(await record('赵振华', target, { reached: false, satisfied: null }))).toBe('403 FORBIDDEN');
    expect(errorCode(await record('王建国', target, { reached: false, satisfied: null }))).toBe('403 FORBIDDEN');
    expect(errorCode(await record('王志强', '0123456789abcdef01234567', { reached: false, satisfied: null }))).toBe(
      '404 CALLBACK_NOT_FOUND',
    );
    expect(await collection('callback_calls').countDocuments()).toBe(before);
  });
});

describe('the number to dial', () => {
  it('is given in full to the township’s staff, each time logged, and to nobody else', async () => {
    const reveal = (who: string, township = TOWNSHIP, callbackId = sample[3]!.id) =>
      call('revealCallbackPhone', { token: tokens[who], params: { townshipCode: township, callbackId } });
    const phone = (await collection('users').findOne({ _id: new mongoose.Types.ObjectId(ids['林红霞']) }))!.phone as string;
    const res = await reveal('王志强');
    expect(res.status).toBe(200);
    expect(res.body.phone).toBe(phone);
    expect(
      await collection('callback_phone_reveals').countDocuments({ userId: new mongoose.Types.ObjectId(ids['王志强']) }),
    ).toBe(1);
    expect(errorCode(await reveal('赵振华'))).toBe('403 FORBIDDEN');
    expect(errorCode(await reveal('李志强'))).toBe('403 OUT_OF_JURISDICTION');
    expect(errorCode(await reveal('李志强', OTHER_TOWNSHIP))).toBe('404 CALLBACK_NOT_FOUND');
    expect(errorCode(await reveal('林红霞'))).toBe('403 FORBIDDEN');
    expect(await collection('callback_phone_reveals').countDocuments()).toBe(1);
  });
});

describe('the county’s coverage', () => {
  it('counts sampled, called, reached and satisfied per township and per counsel', async () => {
    const res = await call('callbackCoverage', {
      token: tokens['赵振华'],
      params: { countyCode: COUNTY },
      query: { month: MONTH },
    });
    expect(res.status).toBe(200);
    // 5 sampled; called: [0] satisfied, [1] one of two at once, [2] not reached
    const calls = await collection('callback_calls').find({ townshipCode: TOWNSHIP }).toArray();
    const satisfied1 = calls.find((c) => String(c.callbackId) === sample[1]!.id)!.satisfied as boolean;
    const satisfied = 1 + (satisfied1 ? 1 : 0);
    const figures = {
      sampled: 5,
      called: 3,
      reached: 2,
      satisfied,
      coverage: 0.6,
      satisfaction: satisfied / 2,
    };
    expect(res.body.summary).toEqual(figures);
    const township = res.body.byTownship.find((t: { code: string }) => t.code === TOWNSHIP);
    expect(township).toEqual({ code: TOWNSHIP, name: '城区街道', ...figures });
    expect(res.body.byTownship.find((t: { code: string }) => t.code === OTHER_TOWNSHIP)).toMatchObject({
      sampled: 0,
      called: 0,
      coverage: null,
      satisfaction: null,
    });
    // 王建国 handled every sampled service but the refused legal aid (王志强's)
    const his = sample.filter((s) => s.sourceId !== finished.cases[0]);
    const hisCalls = calls.filter((c) => his.some((s) => s.id === String(c.callbackId)));
    const wang = res.body.byCounsel.find((c: { name: string }) => c.name === '王建国');
    expect(wang).toMatchObject({
      counselId: ids['王建国'],
      sampled: his.length,
      called: hisCalls.length,
      reached: hisCalls.filter((c) => c.reached).length,
      satisfied: hisCalls.filter((c) => c.reached && c.satisfied).length,
    });
    expect(errorCode(await call('callbackCoverage', { token: tokens['王志强'], params: { countyCode: COUNTY } }))).toBe(
      '403 FORBIDDEN',
    );
  });
});
