/**
 * Finished services made through the API, for the call-back and assessment tests (issue 16 items 5
 * and 7): consultations asked, answered and closed; legal aid refused, forwarded and granted,
 * cancelled; mediations taken and settled. Each returns the id of what it made.
 */
import type { api } from './http';

type Call = ReturnType<typeof api>;

/** a step that did not end as it should: the test fails with what came back */
function same(actual: unknown, wanted: unknown) {
  if (actual !== wanted) throw new Error(`expected ${String(wanted)}, got ${String(actual)}`);
}
let seq = 0;
const key = () => `svc-${Date.now().toString(36)}-${seq++}`;

export function services(call: Call, tokens: Record<string, string>) {
  const ok = async (res: Promise<{ status: number; body: any }>, status = 200) => {
    const reply = await res;
    if (reply.status !== status) throw new Error(`expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  };
  const act = (who: string, caseId: string, body: Record<string, unknown>) =>
    ok(call('actOnCase', { token: tokens[who], params: { caseId }, body: { clientKey: key(), ...body } }));
  const rateBody = (a: number, e: number, c: number) => ({ attitude: a, efficiency: e, competence: c });

  const s = {
    /** 林红霞 asks; unanswered */
    ask: async (question = '邻居占用我家宅基地怎么办？') =>
      (await ok(call('askConsultation', { token: tokens['林红霞'], body: { clientKey: key(), question } }), 201)).id as string,
    /** asked by 林红霞, answered by 王建国, closed by her */
    closedConsultation: async (question?: string) => {
      const id = await s.ask(question);
      await ok(
        call('answerConsultation', {
          token: tokens['王建国'],
          params: { consultationId: id },
          body: { clientKey: key(), text: '建议先由村调委会调解。' },
        }),
      );
      const closed = await ok(call('closeConsultation', { token: tokens['林红霞'], params: { consultationId: id }, body: {} }));
      same(closed.status, 'closed');
      return id;
    },
    rateConsultation: (id: string, a: number, e: number, c: number) =>
      ok(call('rateConsultation', { token: tokens['林红霞'], params: { consultationId: id }, body: rateBody(a, e, c) }), 201),
    applyLegalAid: async () =>
      (
        await ok(
          call('openCase', {
            token: tokens['林红霞'],
            body: {
              kind: 'legal_aid',
              clientKey: key(),
              matter: 'labour_and_wages',
              householdSize: 4,
              monthlyIncome: 3000,
              account: '在县城工地干了半年活，老板拖欠工资一万二千元不给。',
            },
          }),
          201,
        )
      ).id as string,
    /** refused at the township by 王志强: done, someone was served */
    refusedLegalAid: async () => {
      const id = await s.applyLegalAid();
      same((await act('王志强', id, { act: 'refuse', text: '该纠纷已进入诉讼程序，请联系承办法官' })).outcome, 'refused');
      return id;
    },
    /** forwarded by 王志强, granted by the county (赵振华) */
    grantedLegalAid: async () => {
      const id = await s.applyLegalAid();
      same((await act('王志强', id, { act: 'forward', text: '符合条件，转县法律援助中心' })).tier, 'county');
      const granted = await act('赵振华', id, { act: 'decide', outcome: 'granted', text: '符合条件', lawyer: '张明律师' });
      same(granted.outcome, 'granted');
      return id;
    },
    /** withdrawn by the applicant: done, nobody was served */
    cancelledLegalAid: async () => {
      const id = await s.applyLegalAid();
      same((await act('林红霞', id, { act: 'cancel', text: '已与老板协商解决' })).outcome, 'cancelled');
      return id;
    },
    /** opened by 林红霞, taken by 王建国 and settled with this outcome */
    mediation: async (outcome: 'agreement' | 'no_agreement') => {
      const opened = await ok(
        call('openCase', {
          token: tokens['林红霞'],
          body: {
            kind: 'mediation',
            clientKey: key(),
            disputeKind: 'land',
            account: '邻居盖房占了我家宅基地半米。',
            otherPartyName: '张三',
          },
        }),
        201,
      );
      await act('王建国', opened.id, { act: 'take' });
      const settled = await act('王建国', opened.id, { act: 'settle', outcome, text: '双方同意退让半米，签订调解协议。' });
      same(settled.outcome, outcome);
      return opened.id as string;
    },
    rateCase: (id: string, a: number, e: number, c: number) =>
      ok(call('rateCase', { token: tokens['林红霞'], params: { caseId: id }, body: rateBody(a, e, c) })),
  };
  return s;
}
