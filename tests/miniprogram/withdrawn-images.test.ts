/**
 * Images WeChat withdrew, for the township's moderators, in the COMPILED weapp build (issue 13):
 * 林红霞 asks with a photo the fake WeChat finds risky (mostly pure red); its verdict arrives by the
 * signed message push; 王志强 (township staff) opens 举报与审核 → 撤下的图片 and reads whose
 * photo was withdrawn and why. Needs `npm run build:weapp -w miniprogram`.
 */
import sharp from 'sharp';
import type { Consultation, Session, WithdrawnImage } from '@vc/types';
import { api, demoLoginByName, postFile } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { SESSION_KEY, bootWeapp, tap, textOf, waitFor, type SimComponent, type WeappRuntime } from './support/taro-weapp';

const TOWNSHIP = '210921001';
const WAIT = 15000;

let stack: TestStack;
let runtime: WeappRuntime;
let page: SimComponent | undefined;

const loginAs = (name: string): Promise<Session> => demoLoginByName(stack.baseUrl, name);

/** The photo as wx.uploadFile sends it (field `file`); 201 with its id, or the reply as an error. */
async function uploadPhoto(token: string, png: Buffer): Promise<{ photoId: string }> {
  const file = { name: 'file', fileName: 'red.png', type: 'image/png', bytes: png };
  const { status, text } = await postFile(stack.baseUrl, '/api/consultations/photos', token, file);
  if (status !== 201) throw new Error(`${status} ${text}`);
  return JSON.parse(text) as { photoId: string };
}

beforeAll(async () => {
  stack = await startUiStack();
  runtime = bootWeapp({ apiBase: stack.baseUrl });
});

afterAll(async () => {
  page?.detach();
  await stack?.stop();
});

it('a withdrawn consultation photo is listed for the township with whose it was and why', async () => {
  const [villager, staff] = [await loginAs('林红霞'), await loginAs('王志强')];
  const red = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 230, g: 20, b: 20 } } })
    .png()
    .toBuffer();
  const { photoId } = await uploadPhoto(villager.token, red);
  const asked = await api<Consultation>(stack.baseUrl, 'POST', '/api/consultations', villager.token, {
    clientKey: `wd-${Date.now().toString(36)}`,
    question: '这张照片是邻居家墙上的标语，能作为证据吗？',
    photoIds: [photoId],
  });
  // WeChat's verdict arrives by its push: a while on a loaded machine (up to 30 s, as the e2e photo tests wait;
  // 15 s was once too short in CI while the builds ran beside it)
  let check: string | undefined;
  for (let i = 0; i < 300 && check !== 'withdrawn'; i += 1) {
    await new Promise((r) => setTimeout(r, 100));
    check = (await api<Consultation>(stack.baseUrl, 'GET', `/api/consultations/${asked.id}`, villager.token)).photoChecks[0]
      ?.check;
  }
  expect(check).toBe('withdrawn');
  const listed = await api<{ items: WithdrawnImage[] }>(
    stack.baseUrl,
    'GET',
    `/api/townships/${TOWNSHIP}/withdrawn-images`,
    staff.token,
  );
  const item = listed.items.find((i) => i.ownerName === '林红霞' && i.kind === 'consultation_photo')!;
  expect(item).toBeDefined();

  runtime.wx.storage.set(SESSION_KEY, staff);
  page = runtime.openPage('groups/reports/index', {});
  await waitFor(() => textOf(page!, 'reports-tab-images') === '撤下的图片', WAIT, 'the tab');
  tap(page, 'reports-tab-images');
  await waitFor(() => (textOf(page!, `withdrawn-${item.id}`) ?? '').includes('咨询照片 · 林红霞'), WAIT, 'the withdrawn photo');
  expect(textOf(page, `withdrawn-reason-${item.id}`)).toBe(item.reason);
  expect(item.reason).toContain('违规');
});
