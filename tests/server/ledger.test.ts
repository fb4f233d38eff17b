import mongoose from 'mongoose';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { startStack, type Stack } from '../support/stack';
import { api, demoLogin } from '../support/http';
import ExcelJS from 'exceljs';
import { checkRollups } from '../../server/src/modules/ledger/rollups';
import { finishInterruptedReviews } from '../../server/src/modules/ledger/reviews';
import { ENTRY_COLUMNS } from '../../server/src/modules/ledger/export';

dayjs.extend(utc);
dayjs.extend(timezone);
const bj = (text: string) => dayjs.tz(text, 'Asia/Shanghai');

let stack: Stack;
let call: ReturnType<typeof api>;
let counsel: string; // 王建国: 210921001001..003
let township: string; // 王志强: 210921001
let otherTownship: string; // 李志强: 210921100
const V1 = '210921001001';
const V2 = '210921001002';
const TOWNSHIP = '210921001';
const db = () => mongoose.connection;
const entries = () => db().collection('ledger_entries');

// Periods in Beijing time relative to today, so the test holds on any date.
const now = bj(dayjs().tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm'));
const lastMonth = now.subtract(1, 'month').format('YYYY-MM');
const twoMonthsAgo = now.subtract(2, 'month').format('YYYY-MM');
const day = (month: string, d: number, time: string) => bj(`${month}-${String(d).padStart(2, '0')} ${time}`).format();
let seq = 0;
const key = () => `test-key-${Date.now()}-${seq++}`;

function entry(overrides: Record<string, unknown> = {}) {
  return {
    clientKey: key(),
    villageCode: V1,
    kind: 'on_site_duty',
    startAt: day(lastMonth, 10, '09:00'),
    endAt: day(lastMonth, 10, '13:00'),
    summary: '在村委会值班，接待村民咨询 6 人次',
    ...overrides,
  };
}
const submit = (body: object, token = counsel) => call('submitLedgerEntry', { token, body });
const approve = (id: string, token = township) =>
  call('reviewLedgerEntry', { token, params: { townshipCode: TOWNSHIP, entryId: id }, body: { decision: 'approve' } });
const progressOf = async (month: string, village = V1) => {
  const res = await call('myLedgerProgress', { token: counsel, query: { month } });
  return res.body.items.find((i: { villageCode: string }) => i.villageCode === village);
};

beforeAll(async () => {
  stack = await startStack({ auditQueries: true });
  call = api(stack.baseUrl);
  counsel = (await demoLogin(stack.baseUrl, '王建国')).token;
  township = (await demoLogin(stack.baseUrl, '王志强')).token;
  otherTownship = (await demoLogin(stack.baseUrl, '李志强')).token;
});
afterAll(() => stack?.stop());

describe('submitting (R4, idempotent)', () => {
  it('records an on-site session as pending, and a retry with the same key returns the same record', async () => {
    const body = entry();
    const first = await submit(body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: 'pending',
      minutes: 240,
      villageCode: V1,
      mode: 'on_site',
      late: false,
      counselName: '王建国',
    });
    const retry = await submit(body);
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    expect(await entries().countDocuments({ clientKey: body.clientKey })).toBe(1);
  });

  it('makes exactly one entry when 20 copies of a submission arrive at once', async () => {
    const body = entry({ startAt: day(lastMonth, 11, '09:00'), endAt: day(lastMonth, 11, '10:00') });
    const replies = await Promise.all(Array.from({ length: 20 }, () => submit(body)));
    expect(replies.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(await entries().countDocuments({ clientKey: body.clientKey })).toBe(1);
  });

  it('refuses a key reused for different facts', async () => {
    const body = entry();
    await submit(body);
    const other = await submit({ ...body, endAt: day(lastMonth, 10, '15:00') });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('LEDGER_KEY_REUSED');
  });

  it.each([
    [
      'end before start',
      { startAt: day(lastMonth, 10, '13:00'), endAt: day(lastMonth, 10, '09:00') },
      400,
      'LEDGER_END_BEFORE_START',
    ],
    [
      'a 30-hour session',
      { startAt: day(lastMonth, 10, '09:00'), endAt: bj(`${lastMonth}-11 15:00`).format() },
      400,
      'LEDGER_TOO_LONG',
    ],
    [
      'a future date',
      { startAt: now.add(2, 'day').format(), endAt: now.add(2, 'day').add(2, 'hour').format() },
      400,
      'LEDGER_IN_FUTURE',
    ],
    ['a village the counsel does not serve', { villageCode: '210921100202' }, 403, 'LEDGER_VILLAGE_NOT_SERVED'],
    ['an unknown kind', { kind: 'karaoke' }, 400, 'VALIDATION_FAILED'],
    ['a lecture without attendees', { kind: 'lecture' }, 400, 'LEDGER_ATTENDEES_REQUIRED'],
    ['a date without time zone', { startAt: '2026-10-10T09:00:00' }, 400, 'VALIDATION_FAILED'],
  ])('refuses %s and writes nothing', async (_label, overrides, status, code) => {
    const before = await entries().countDocuments();
    const res = await submit(entry(overrides));
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await entries().countDocuments()).toBe(before);
  });

  it('keeps the check-in record of a timed session: the flag and the phone location', async () => {
    const location = { latitude: 42.065, longitude: 121.743, accuracy: 35 };
    const res = await submit(
      entry({ viaTimer: true, location, startAt: day(lastMonth, 12, '09:00'), endAt: day(lastMonth, 12, '10:30') }),
    );
    expect(res.status).toBe(201);
    expect(res.body.viaTimer).toBe(true);
    const stored = await entries().findOne({ _id: new mongoose.Types.ObjectId(res.body.id) });
    expect(stored?.location).toEqual(location);
    const before = await entries().countDocuments();
    const bad = await submit(entry({ location: { latitude: 123, longitude: 0 } }));
    expect(bad.status).toBe(400);
    expect(await entries().countDocuments()).toBe(before);
  });

  it('refuses people who are not counsel', async () => {
    const res = await submit(entry(), township);
    expect(res.status).toBe(403);
  });
});

describe('review, rollups and progress (R2, R3)', () => {
  it('counts only approved on-site time: 4 hours approved completes the month', async () => {
    const before = await progressOf(twoMonthsAgo);
    expect(before.month).toMatchObject({ onSiteMinutes: 0, requiredMinutes: 240 });
    expect(before.missing.join()).toContain('本月驻点还差 4 小时');

    const submitted = await submit(entry({ startAt: day(twoMonthsAgo, 5, '08:30'), endAt: day(twoMonthsAgo, 5, '12:30') }));
    const pending = await progressOf(twoMonthsAgo);
    expect(pending.month).toMatchObject({ onSiteMinutes: 0, pendingOnSiteMinutes: 240 });

    const approved = await approve(submitted.body.id);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.review).toMatchObject({ decision: 'approve' });
    const after = await progressOf(twoMonthsAgo);
    expect(after.month).toMatchObject({ onSiteMinutes: 240, pendingOnSiteMinutes: 0 });
    expect(after.missing.join()).not.toContain('驻点');
    const otherVillage = await progressOf(twoMonthsAgo, V2);
    expect(otherVillage.missing.join()).toContain('本月驻点还差 4 小时');
  });

  it('reviews each entry once, and only inside the reviewer township', async () => {
    const submitted = await submit(entry({ startAt: day(twoMonthsAgo, 6, '09:00'), endAt: day(twoMonthsAgo, 6, '10:00') }));
    const outside = await call('reviewLedgerEntry', {
      token: otherTownship,
      params: { townshipCode: TOWNSHIP, entryId: submitted.body.id },
      body: { decision: 'approve' },
    });
    expect(outside.status).toBe(403);
    const [a, b] = await Promise.all([
      approve(submitted.body.id),
      call('reviewLedgerEntry', {
        token: township,
        params: { townshipCode: TOWNSHIP, entryId: submitted.body.id },
        body: { decision: 'return', reason: '时间不符' },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(
      await db()
        .collection('ledger_reviews')
        .countDocuments({ entryId: new mongoose.Types.ObjectId(submitted.body.id) }),
    ).toBe(1);
    const returnWithoutReason = await call('reviewLedgerEntry', {
      token: township,
      params: { townshipCode: TOWNSHIP, entryId: submitted.body.id },
      body: { decision: 'return' },
    });
    expect(returnWithoutReason.status).toBe(400);
  });

  it('finishes a review the server stopped half-way: by the same reviewer resending it, or at start', async () => {
    const reviewerId = (await demoLogin(stack.baseUrl, '王志强')).user.id as string;
    const reviews = db().collection('ledger_reviews');
    // The state a stop leaves after the review record, the first write, and before the entry's status.
    const cutShort = async (startAt: string, endAt: string) => {
      const submitted = await submit(entry({ startAt, endAt }));
      expect(submitted.status).toBe(201);
      const entryId = new mongoose.Types.ObjectId(submitted.body.id as string);
      await reviews.insertOne({
        entryId,
        decision: 'approve',
        reason: null,
        by: new mongoose.Types.ObjectId(reviewerId),
        at: new Date(),
      });
      return submitted.body.id as string;
    };
    const resent = await cutShort(day(lastMonth, 11, '14:00'), day(lastMonth, 11, '15:00'));
    const atStart = await cutShort(day(lastMonth, 12, '14:00'), day(lastMonth, 12, '15:00'));
    expect((await entries().findOne({ _id: new mongoose.Types.ObjectId(resent) }))?.status).toBe('pending');

    const other = await call('reviewLedgerEntry', {
      token: township,
      params: { townshipCode: TOWNSHIP, entryId: resent },
      body: { decision: 'return', reason: '时间不符' },
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('LEDGER_ALREADY_REVIEWED');
    const again = await approve(resent);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: resent, status: 'approved', review: { decision: 'approve', by: reviewerId } });

    expect(await finishInterruptedReviews()).toBe(1);
    expect((await entries().findOne({ _id: new mongoose.Types.ObjectId(atStart) }))?.status).toBe('approved');
    expect(await finishInterruptedReviews()).toBe(0);
    expect(
      await reviews.countDocuments({ entryId: { $in: [resent, atStart].map((id) => new mongoose.Types.ObjectId(id)) } }),
    ).toBe(2);
    expect((await checkRollups('210921')).mismatches).toEqual([]);
  });

  it('keeps an approved entry unchanged; a correction is a new linked entry that replaces it in the figures', async () => {
    const original = await submit(
      entry({ startAt: day(twoMonthsAgo, 12, '09:00'), endAt: day(twoMonthsAgo, 12, '11:00'), villageCode: V2 }),
    );
    await approve(original.body.id);
    const storedBefore = await entries().findOne({ _id: new mongoose.Types.ObjectId(original.body.id) });
    expect((await progressOf(twoMonthsAgo, V2)).month.onSiteMinutes).toBe(120);

    const correction = await submit(
      entry({
        villageCode: V2,
        startAt: day(twoMonthsAgo, 12, '09:00'),
        endAt: day(twoMonthsAgo, 12, '12:30'),
        correctsEntryId: original.body.id,
      }),
    );
    expect(correction.status).toBe(201);
    expect(correction.body.correctsEntryId).toBe(original.body.id);
    await approve(correction.body.id);
    expect((await progressOf(twoMonthsAgo, V2)).month.onSiteMinutes).toBe(210);

    const storedAfter = await entries().findOne({ _id: new mongoose.Types.ObjectId(original.body.id) });
    expect(storedAfter).toEqual(storedBefore);
    const list = await call('townshipLedgerEntries', {
      token: township,
      params: { townshipCode: TOWNSHIP },
      query: { villageCode: V2 },
    });
    const ids = list.body.items.map((e: { id: string }) => e.id);
    expect(ids).toEqual(expect.arrayContaining([original.body.id, correction.body.id]));

    const foreign = await submit(entry({ villageCode: V1, correctsEntryId: original.body.id }));
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.code).toBe('LEDGER_CORRECTION_INVALID');
  });

  it('splits a session across a Beijing month boundary, and counts remote service toward the year only', async () => {
    const v3 = '210921001003';
    const lastDay = bj(`${lastMonth}-01`).subtract(1, 'day'); // last day of two months ago
    const crossing = await submit(
      entry({
        villageCode: v3,
        startAt: lastDay.hour(22).format(),
        endAt: lastDay.add(1, 'day').hour(2).format(),
        kind: 'mediation',
      }),
    );
    expect(crossing.status).toBe(201);
    await approve(crossing.body.id);
    expect((await progressOf(twoMonthsAgo, v3)).month.onSiteMinutes).toBe(120);
    expect((await progressOf(lastMonth, v3)).month.onSiteMinutes).toBe(120);

    const remote = await submit(
      entry({
        villageCode: v3,
        mode: 'remote',
        kind: 'consultation',
        startAt: day(lastMonth, 15, '20:00'),
        endAt: day(lastMonth, 15, '21:00'),
      }),
    );
    await approve(remote.body.id);
    const p = await progressOf(lastMonth, v3);
    expect(p.month.onSiteMinutes).toBe(120);
    // the year counts both sessions, and also the part in the earlier month if it is the same year
    const sameYear = lastMonth.slice(0, 4) === twoMonthsAgo.slice(0, 4);
    expect(p.year.minutes).toBe(120 + 60 + (sameYear ? 120 : 0));
  });

  it('counts a lecture once in its quarter', async () => {
    const lecture = await submit(
      entry({ kind: 'lecture', attendees: 35, startAt: day(lastMonth, 20, '14:00'), endAt: day(lastMonth, 20, '16:00') }),
    );
    await approve(lecture.body.id);
    const p = await progressOf(lastMonth);
    expect(p.quarter.lectures).toBe(1);
    expect(p.missing.join()).not.toContain('讲座');
  });

  it('keeps rollups equal to a recomputation from entries, also after concurrent approvals', async () => {
    const submitted = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        submit(entry({ startAt: day(lastMonth, 3 + (i % 20), '15:00'), endAt: day(lastMonth, 3 + (i % 20), '15:30') })),
      ),
    );
    const results = await Promise.all(submitted.map((s) => approve(s.body.id)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const check = await checkRollups('210921');
    expect(check.checked).toBeGreaterThan(3);
    expect(check.mismatches).toEqual([]);
  });
});

describe('locking a month', () => {
  it('accepts late entries into a locked month only with a reason, flagged late', async () => {
    const recordedBefore = entry({ startAt: day(twoMonthsAgo, 21, '09:00'), endAt: day(twoMonthsAgo, 21, '10:00') });
    const beforeLock = await submit(recordedBefore);
    expect(beforeLock.status).toBe(201);
    const lock = await call('lockLedgerMonth', { token: township, params: { townshipCode: TOWNSHIP, month: twoMonthsAgo } });
    expect(lock.status).toBe(201);
    const again = await call('lockLedgerMonth', { token: township, params: { townshipCode: TOWNSHIP, month: twoMonthsAgo } });
    expect(again.status).toBe(409);
    const before = await entries().countDocuments();
    const refused = await submit(entry({ startAt: day(twoMonthsAgo, 20, '09:00'), endAt: day(twoMonthsAgo, 20, '10:00') }));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('LEDGER_PERIOD_LOCKED');
    expect(await entries().countDocuments()).toBe(before);
    const late = await submit(
      entry({
        startAt: day(twoMonthsAgo, 20, '09:00'),
        endAt: day(twoMonthsAgo, 20, '10:00'),
        lateReason: '当日手机无信号，事后补登',
      }),
    );
    expect(late.status).toBe(201);
    expect(late.body).toMatchObject({ late: true, lateReason: '当日手机无信号，事后补登' });

    // A phone re-syncing an entry it recorded before the lock gets its first record back, not a refusal.
    const count = await entries().countDocuments();
    const resync = await submit(recordedBefore);
    expect(resync.status).toBe(200);
    expect(resync.body).toMatchObject({ id: beforeLock.body.id, late: false });
    const reused = await submit({ ...recordedBefore, endAt: day(twoMonthsAgo, 21, '11:00') });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('LEDGER_KEY_REUSED');
    expect(await entries().countDocuments()).toBe(count);
  });
});

describe('county compliance and the official export', () => {
  let countyStaff: string;
  beforeAll(async () => {
    countyStaff = (await demoLogin(stack.baseUrl, '赵振华')).token;
  });

  it('reports compliance by township and village from rollups', async () => {
    const res = await call('countyCompliance', {
      token: countyStaff,
      params: { countyCode: '210921' },
      query: { month: twoMonthsAgo },
    });
    expect(res.status).toBe(200);
    expect(res.body.summary.villages).toBe(390);
    expect(res.body.townships).toHaveLength(36);
    const v1 = res.body.villages.find((v: { code: string }) => v.code === V1);
    expect(v1.onSiteMinutes).toBeGreaterThanOrEqual(240);
    // the mediation logged across the month boundary counts once, in the month it started
    const v3 = res.body.villages.find((v: { code: string }) => v.code === '210921001003');
    expect(v3.mediations).toBe(1);
    expect(res.body.summary.mediations).toBeGreaterThanOrEqual(1);
    const idle = res.body.villages.find((v: { code: string }) => v.code === '210921100202');
    expect(idle).toMatchObject({ onSiteMinutes: 0, compliant: false });
    expect(idle.missing[0]).toContain('本月驻点还差 4 小时');
    const chengqu = res.body.townships.find((t: { code: string }) => t.code === TOWNSHIP);
    expect(chengqu.villages).toBeGreaterThan(3);
    expect(res.body.summary.rate).toBe(Math.round((res.body.summary.compliant / 390) * 1000) / 10);
    const byTownshipStaff = await call('countyCompliance', { token: township, params: { countyCode: '210921' } });
    expect(byTownshipStaff.status).toBe(403);
  });

  it('exports one sheet per village with one row per entry, and a summary, readable again by exceljs', async () => {
    const res = await fetch(`${stack.baseUrl}/api/counties/210921/ledger-export?month=${lastMonth}&villageCode=${V1}`, {
      headers: { authorization: `Bearer ${countyStaff}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(['汇总', '富民社区-001']);
    const sheet = book.getWorksheet('富民社区-001')!;
    expect(sheet.getRow(2).values).toEqual([undefined, ...ENTRY_COLUMNS]);
    const stored = await entries().find({ villageCode: V1, months: lastMonth }).sort({ startAt: 1 }).toArray();
    expect(sheet.rowCount - 2).toBe(stored.length);
    const column = (header: string) => ENTRY_COLUMNS.indexOf(header) + 1;
    const ids = Array.from({ length: stored.length }, (_, i) => sheet.getRow(i + 3).getCell(column('记录编号')).text);
    expect(ids).toEqual(stored.map((e) => String(e._id)));
    const first = sheet.getRow(3);
    expect(first.getCell(column('服务类型')).value).toBe('驻村值班');
    expect(first.getCell(column('法律顾问')).value).toBe('王建国');
    const summary = book.getWorksheet('汇总')!;
    expect(summary.getRow(3).getCell(2).value).toBe(V1);
  });

  it('exports the whole county: a summary and one uniquely named sheet per village', async () => {
    const res = await fetch(`${stack.baseUrl}/api/counties/210921/ledger-export?month=${lastMonth}`, {
      headers: { authorization: `Bearer ${countyStaff}` },
    });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const names = book.worksheets.map((w) => w.name);
    expect(names).toHaveLength(391);
    expect(new Set(names).size).toBe(391);
    expect(names.every((n) => n.length <= 31)).toBe(true);
    expect(book.getWorksheet('汇总')!.rowCount).toBe(2 + 390);
  });

  it('shows township staff the villages and counsel behind schedule in their township only', async () => {
    const res = await call('townshipCompliance', {
      token: township,
      params: { townshipCode: TOWNSHIP },
      query: { month: lastMonth },
    });
    expect(res.status).toBe(200);
    expect(res.body.townships.map((t: { code: string }) => t.code)).toEqual([TOWNSHIP]);
    expect(res.body.villages.every((v: { townshipCode: string }) => v.townshipCode === TOWNSHIP)).toBe(true);
    const behind = res.body.villages.filter((v: { compliant: boolean }) => !v.compliant);
    expect(behind.length).toBeGreaterThan(0);
    expect(behind[0].counsel[0].name).toMatch(/[\u4e00-\u9fff]/);
    const v1 = res.body.villages.find((v: { code: string }) => v.code === V1);
    expect(v1.counsel.map((c: { name: string }) => c.name)).toContain('王建国');
    const other = await call('townshipCompliance', { token: otherTownship, params: { townshipCode: TOWNSHIP } });
    expect(other.status).toBe(403);
  });

  it('applies the county policy targets: fewer required hours complete the month sooner', async () => {
    const before = await progressOf(twoMonthsAgo, '210921001003');
    expect(before.month.requiredMinutes).toBe(240);
    const set = await call('updateCountyPolicy', {
      token: countyStaff,
      params: { countyCode: '210921' },
      body: { minOnSiteHoursPerMonth: 2 },
    });
    expect(set.body.minOnSiteHoursPerMonth).toBe(2);
    const after = await progressOf(twoMonthsAgo, '210921001003');
    expect(after.month.requiredMinutes).toBe(120);
    expect(after.missing.join()).not.toContain('驻点');
    await call('updateCountyPolicy', {
      token: countyStaff,
      params: { countyCode: '210921' },
      body: { minOnSiteHoursPerMonth: 4 },
    });
  });

  it('refuses an export without a month', async () => {
    const res = await call('ledgerExport', { token: countyStaff, params: { countyCode: '210921' } });
    expect(res.status).toBe(400);
  });
});

afterAll(() => {
  expect(stack.errors).toEqual([]);
});

describe('the database work behind these requests (store/README.md, rule 1)', () => {
  it('serves every query the server issued from an index', async () => {
    expect(stack.issued.length).toBeGreaterThan(0);
    expect(await stack.unindexedQueries()).toEqual([]);
  });
});
