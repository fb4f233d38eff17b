/**
 * The notice board (公示栏, docs/domain.md R11) rendered from the COMPILED weapp build in
 * miniprogram-simulate, with data from a real running server (tests/support/stack.ts).
 * Needs `npm run build:weapp -w miniprogram` first; the API base is set at run time through the
 * storage key `vc.apiBase`.
 */
import type { NoticeBoard, Session } from '@vc/types';
import { api, demoIdentities, demoLogin } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

const MASKED_PHONE = /^1\d{2}\*{4}\d{4}$/;

let stack: TestStack;
let session: Session;
let board: NoticeBoard;
let runtime: WeappRuntime;

beforeAll(async () => {
  stack = await startUiStack();
  // a demo villager whose village has a counsel on its board
  const villagers = (await demoIdentities(stack.baseUrl)).filter((d) => d.role === 'villager' && d.placeName !== '未绑定村');
  for (const v of villagers) {
    const s = await demoLogin(stack.baseUrl, v.id);
    if (!s.user.village) continue;
    const b = await api<NoticeBoard>(stack.baseUrl, 'GET', `/api/villages/${s.user.village.code}/notice-board`, s.token);
    if (b.counsel.length > 0) {
      session = s;
      board = b;
      break;
    }
  }
  if (!board) throw new Error('no demo villager with a counsel on the village notice board');
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: session } });
});

afterAll(async () => {
  await stack?.stop();
});

describe('公示栏 (weapp build)', () => {
  let page: SimComponent;

  beforeAll(async () => {
    page = runtime.openPage('pages/board/index', { villageCode: board.village.code });
    await waitFor(() => textOf(page, 'board-village-name'), 15000, 'the village name');
  });

  it('shows the village and its township and county', () => {
    expect(textOf(page, 'board-village-name')).toBe(board.village.name);
    const place = textOf(page, 'board-village-place') ?? '';
    expect(place).toContain(board.village.townshipName);
    expect(place).toContain(board.village.countyName);
  });

  it("shows each counsel's name and masked phone", () => {
    for (const c of board.counsel) {
      expect(page.querySelector(`#counsel-${c.id}`)).not.toBeNull();
      expect(textOf(page, `counsel-name-${c.id}`)).toBe(c.name);
      const phone = textOf(page, `counsel-phone-${c.id}`) ?? '';
      expect(phone).toMatch(MASKED_PHONE);
      expect(phone).toBe(c.phoneMasked);
      const card = textOf(page, `counsel-${c.id}`) ?? '';
      expect(card).toContain(c.organization);
      expect(card).toContain(c.onSiteHours);
      // no full phone number is rendered
      expect(card).not.toMatch(/1\d{10}/);
    }
  });

  it('shows the 3 + X services, the supervision phone and the 12348 hotline', () => {
    const basic = textOf(page, 'services-basic') ?? '';
    for (const s of board.services.basic) expect(basic).toContain(s);
    expect(textOf(page, 'hotline')).toBe('12348');
    expect(textOf(page, 'supervision-phone')).toBe(board.supervisionPhone);
  });

  it('拨打 fetches the full number (counselContact) and opens the dialer', async () => {
    const c = board.counsel[0]!;
    tap(page, `call-${c.id}`);
    const called = await waitFor(() => runtime.wx.phoneCalls[0], 10000, 'makePhoneCall');
    expect(called).toMatch(/^1\d{10}$/);
    expect(called.slice(0, 3)).toBe(c.phoneMasked.slice(0, 3));
    expect(called.slice(-4)).toBe(c.phoneMasked.slice(-4));
    expect(
      runtime.wx.requests.some((r) => r.method === 'POST' && r.url.endsWith(`/counsel/${c.id}/contact`) && r.status === 200),
    ).toBe(true);
  });
});
