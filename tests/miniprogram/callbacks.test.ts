/**
 * Recording a call-back (issue 16 item 5) in the COMPILED weapp build run in miniprogram-simulate
 * against a real running server. Needs `npm run build:weapp`. 林红霞's two consultations are
 * answered by 王建国 and closed through the API; 王志强 (城区街道) opens 回访, sees the month's
 * sample with the masked number, dials (the full number goes to wx.makePhoneCall), is told to
 * choose before saving, records 接通 · 不满意 with notes after confirming, and the server holds it;
 * a recorded call shows as recorded, with no way to record it again.
 */
import type { CallbackListReply, ConsultationSummary, Session } from '@vc/types';
import { api, demoLoginByName } from './support/http';
import { startUiStack, type TestStack } from './support/stack';
import { answerConfirm, tapDialogButton } from './support/dialogs';
import {
  SESSION_KEY,
  bootWeapp,
  tap,
  textOf,
  typeInto,
  waitFor,
  type SimComponent,
  type WeappRuntime,
} from './support/taro-weapp';

const TOWNSHIP = '210921001';
const WAIT = 15000;

let stack: TestStack;
let runtime: WeappRuntime;
let staff: Session;
let page: SimComponent;
let seq = 0;

const sample = () => api<CallbackListReply>(stack.baseUrl, 'GET', `/api/townships/${TOWNSHIP}/callbacks`, staff.token);

beforeAll(async () => {
  stack = await startUiStack();
  const villager = await demoLoginByName(stack.baseUrl, '林红霞');
  const counsel = await demoLoginByName(stack.baseUrl, '王建国');
  staff = await demoLoginByName(stack.baseUrl, '王志强');
  for (let i = 0; i < 2; i++) {
    const asked = await api<ConsultationSummary>(stack.baseUrl, 'POST', '/api/consultations', villager.token, {
      clientKey: `cb-sim-${Date.now()}-${seq++}`,
      question: `回访测试问题${i + 1}：承包地被占用怎么办？`,
    });
    await api(stack.baseUrl, 'POST', `/api/consultations/${asked.id}/answer`, counsel.token, {
      clientKey: `cb-sim-${Date.now()}-${seq++}`,
      text: '可以先向村委会反映，再申请调解。',
    });
    await api(stack.baseUrl, 'POST', `/api/consultations/${asked.id}/close`, villager.token, {});
  }
  runtime = bootWeapp({ apiBase: stack.baseUrl, storage: { [SESSION_KEY]: staff } });
  page = runtime.openPage('backoffice/callbacks/index', { townshipCode: TOWNSHIP });
});

afterAll(async () => {
  page?.detach();
  await stack?.stop();
});

describe('call-backs (weapp build)', () => {
  it('records a call once: choose first, confirm, then it shows as recorded', async () => {
    const summary = await waitFor(() => textOf(page, 'callbacks-summary'), WAIT, 'the sample');
    expect(summary).toContain('本月办结 2 件');
    expect(summary).toContain('抽取 2 件，已回访 0 件');
    const [item] = (await sample()).items;
    const id = item!.id;
    const person = textOf(page, `callback-person-${id}`)!;
    expect(person).toContain('林红霞');
    expect(person).toContain(item!.personPhoneMasked!);

    // 拨打: the full number, fetched on the tap, goes to the phone's dialler
    tap(page, `callback-dial-${id}`);
    await waitFor(() => runtime.wx.phoneCalls.length > 0, WAIT, 'the call');
    expect(runtime.wx.phoneCalls.at(-1)).toMatch(/^1\d{10}$/);
    expect(runtime.wx.phoneCalls.at(-1)).not.toBe(item!.personPhoneMasked);

    tap(page, `callback-record-${id}`);
    await waitFor(() => page.querySelector('#callback-save'), WAIT, 'the form');
    tap(page, 'callback-save');
    expect(await waitFor(() => textOf(page, 'error-message'), WAIT, 'the refusal')).toContain('请选择是否接通');
    tapDialogButton(page, '知道了');

    tap(page, 'callback-reached-yes');
    await waitFor(() => page.querySelector('#callback-satisfied-no'), WAIT, 'the satisfaction choice');
    tap(page, 'callback-satisfied-no');
    await waitFor(() => textOf(page, 'callback-choice') === '已选：接通 · 不满意', WAIT, 'the choices shown');
    typeInto(page, 'callback-notes', '认为答复太慢，希望下次早点回复');
    await waitFor(() => textOf(page, 'callback-notes-count') === '15 / 500', WAIT, 'the notes counted');
    tap(page, 'callback-save');
    expect(await answerConfirm(page)).toContain('保存后不能修改');
    expect(await waitFor(() => textOf(page, 'ok-message'), WAIT, 'the success toast')).toBe('回访已记录');

    const recorded = (await sample()).items.find((i) => i.id === id)!;
    expect(recorded.call).toMatchObject({
      reached: true,
      satisfied: false,
      notes: '认为答复太慢，希望下次早点回复',
      byName: '王志强',
    });
    const shown = await waitFor(() => textOf(page, `callback-call-${id}`), WAIT, 'the recorded call');
    expect(shown).toContain('已接通');
    expect(shown).toContain('不满意');
    expect(shown).toContain('认为答复太慢');
    expect(page.querySelector(`#callback-record-${id}`)).toBeFalsy();
    expect(await waitFor(() => textOf(page, 'callbacks-summary'), WAIT, 'the count')).toContain('已回访 1 件');
  });
});
