/**
 * The service hall's part of the demo history (issue 16): legal aid applications, mediations,
 * bookings and complaints in several states, written through the cases module's own use cases with
 * past times, like the rest of the history (history.ts). Idempotent: every case and step has a
 * stable client key, and steps already recorded are skipped.
 */
import { CaseStepBody, OpenCaseBody, Rating } from '@vc/types';
import type { Principal } from '../../shared/principal';
import { inBeijing } from '../../shared/periods';
import * as cases from '../cases/steps';
import type { ContentCheck } from '../content-check/text';

const HOUR = 3600_000;
const PASS: ContentCheck = () => Promise.resolve('pass');

type Who = 'applicant' | 'counsel' | 'township' | 'county';
type StepSpec = { by: Who; hoursAgo: number; body: Record<string, unknown> } | { by: 'rate'; hoursAgo: number; rating: Rating };

export interface HallCast {
  villagers: Map<string, Principal & { villageCode: string }>;
  counselOf: (villageCode: string) => Principal | undefined;
  township: Map<string, Principal>;
  county: Principal | null;
}

/** A Beijing 9:30 `daysFromOpen` days after `hoursAgo` before t0, the booking's time. */
const bookedAt = (t0: Date, hoursAgo: number, daysFromOpen: number) =>
  inBeijing(t0.getTime() - hoursAgo * HOUR + daysFromOpen * 24 * HOUR)
    .hour(9)
    .minute(30)
    .second(0)
    .millisecond(0)
    .toDate();

const window = (t0: Date, hoursAgo: number, minutes: number) => ({
  startAt: new Date(t0.getTime() - hoursAgo * HOUR - minutes * 60_000).toISOString(),
  endAt: new Date(t0.getTime() - hoursAgo * HOUR).toISOString(),
});

interface Story {
  key: string;
  applicant: string;
  hoursAgo: number;
  open: Record<string, unknown>;
  steps: StepSpec[];
}

function stories(t0: Date): Story[] {
  const keptBooking = bookedAt(t0, 200, 2);
  const keptHoursAgo = (t0.getTime() - keptBooking.getTime()) / HOUR;
  return [
    {
      key: 'demo-hall-aid-1',
      applicant: 'lin',
      hoursAgo: 400,
      open: {
        kind: 'legal_aid',
        matter: 'labour_and_wages',
        householdSize: 4,
        monthlyIncome: 3000,
        account: '在县城工地干了半年活，包工头拖欠工资一万二千元，多次讨要未果。',
      },
      steps: [
        { by: 'township', hoursAgo: 380, body: { act: 'take' } },
        {
          by: 'township',
          hoursAgo: 370,
          body: { act: 'forward', text: '经初审，申请人家庭经济困难，事项属于法律援助范围，转县法律援助中心。' },
        },
        {
          by: 'county',
          hoursAgo: 300,
          body: {
            act: 'decide',
            outcome: 'granted',
            text: '符合法律援助条件，决定给予法律援助。',
            lawyer: '辽宁正阳律师事务所 韩立军',
          },
        },
        {
          by: 'rate',
          hoursAgo: 280,
          rating: { attitude: 5, efficiency: 5, competence: 5, comment: '司法所和援助中心办得快，谢谢！' },
        },
      ],
    },
    {
      key: 'demo-hall-aid-2',
      applicant: 'liu',
      hoursAgo: 50,
      open: {
        kind: 'legal_aid',
        matter: 'support_payments',
        householdSize: 2,
        monthlyIncome: 900,
        account: '我今年七十二岁，两个儿子都不给赡养费，想起诉要赡养费。',
      },
      steps: [
        {
          by: 'township',
          hoursAgo: 30,
          body: {
            act: 'ask_material',
            text: '请补充户口簿和本人收入情况说明的照片',
            dueDate: inBeijing(t0.getTime() + 5 * 24 * HOUR).format('YYYY-MM-DD'),
          },
        },
      ],
    },
    {
      key: 'demo-hall-aid-3',
      applicant: 'zhang',
      hoursAgo: 100,
      open: {
        kind: 'legal_aid',
        matter: 'injury_compensation',
        householdSize: 3,
        monthlyIncome: 2000,
        account: '丈夫在砖厂干活时受伤，厂里不给工伤赔偿。',
        receivesAssistance: true,
      },
      steps: [],
    },
    {
      key: 'demo-hall-mediation-1',
      applicant: 'chen',
      hoursAgo: 500,
      open: {
        kind: 'mediation',
        disputeKind: 'land',
        account: '邻居王某在两家地头之间挖沟，占了我家半垄地，双方吵了几次。',
        otherPartyName: '王某',
      },
      steps: [
        { by: 'counsel', hoursAgo: 490, body: { act: 'take' } },
        {
          by: 'counsel',
          hoursAgo: 470,
          body: { act: 'session', text: '到现场查看地界，分别听取双方意见，约定下周再调。', ...window(t0, 470, 90) },
        },
        {
          by: 'counsel',
          hoursAgo: 300,
          body: {
            act: 'settle',
            outcome: 'agreement',
            text: '双方同意按原地界石恢复地界，王某三日内填平占地部分的沟，互不追究。',
            ...window(t0, 300, 60),
          },
        },
        { by: 'rate', hoursAgo: 290, rating: { attitude: 5, efficiency: 4, competence: 5 } },
      ],
    },
    {
      key: 'demo-hall-mediation-2',
      applicant: 'zhao',
      hoursAgo: 20,
      open: {
        kind: 'mediation',
        disputeKind: 'neighbours',
        account: '邻居家的狗经常跑到我家院子咬鸡，说了不管。',
        otherPartyName: '孙某',
      },
      steps: [],
    },
    {
      key: 'demo-hall-booking-1',
      applicant: 'lin',
      hoursAgo: 200,
      open: { kind: 'booking', at: keptBooking.toISOString(), topic: '想请顾问帮忙看看土地流转合同' },
      steps: [
        { by: 'counsel', hoursAgo: 190, body: { act: 'confirm' } },
        {
          by: 'counsel',
          hoursAgo: keptHoursAgo - 1.5,
          body: {
            act: 'complete',
            text: '逐条讲解土地流转合同，提示了违约责任和期满收回条款。',
            ...window(t0, keptHoursAgo - 1, 60),
          },
        },
        { by: 'rate', hoursAgo: keptHoursAgo - 3, rating: { attitude: 5, efficiency: 5, competence: 4 } },
      ],
    },
    {
      key: 'demo-hall-booking-2',
      applicant: 'chen',
      hoursAgo: 2,
      open: { kind: 'booking', at: bookedAt(t0, 0, 2).toISOString(), topic: '咨询宅基地确权的事' },
      steps: [],
    },
    {
      key: 'demo-hall-complaint-1',
      applicant: 'liu',
      hoursAgo: 240,
      open: { kind: 'complaint', about: 'suggestion', account: '建议法律顾问驻村时间在村广播里提前通知，方便大家来咨询。' },
      steps: [
        { by: 'county', hoursAgo: 200, body: { act: 'answer', text: '感谢建议。已要求各村在驻村前一天通过广播和村务群通知。' } },
      ],
    },
    {
      key: 'demo-hall-complaint-2',
      applicant: 'zhang',
      hoursAgo: 30,
      open: { kind: 'complaint', about: 'service', account: '上次打电话问法律援助的事，等了很久没人回复。' },
      steps: [],
    },
  ];
}

/** One task per case: opened, then its steps in order; answers the records written. */
export function hallStories(cast: HallCast, t0: Date, written: { cases: number; caseSteps: number }): (() => Promise<void>)[] {
  const ago = (hours: number) => new Date(t0.getTime() - hours * HOUR);
  return stories(t0).map((story) => async () => {
    const applicant = cast.villagers.get(story.applicant);
    if (!applicant) return;
    const body = OpenCaseBody.parse({ ...story.open, clientKey: story.key });
    const { case: opened, created } = await cases.open(applicant, body, PASS, ago(story.hoursAgo));
    if (created) written.cases++;
    const who = (by: Who): Principal | null | undefined =>
      by === 'applicant'
        ? applicant
        : by === 'counsel'
          ? cast.counselOf(applicant.villageCode)
          : by === 'township'
            ? cast.township.get(applicant.villageCode.slice(0, 9))
            : cast.county;
    // step 1 is the opening: step i + 2 records story.steps[i]
    for (const [i, step] of story.steps.entries()) {
      if (opened.steps.length >= i + 2) continue;
      const at = ago(step.hoursAgo);
      if (step.by === 'rate') await cases.rate(applicant, opened.id, Rating.parse(step.rating), PASS, at);
      else {
        const principal = who(step.by);
        if (!principal) break; // nobody to act there: the story stops here
        await cases.act(
          principal,
          opened.id,
          CaseStepBody.parse({ ...step.body, clientKey: `${story.key}-s${i + 1}` }),
          PASS,
          at,
        );
      }
      written.caseSteps++;
    }
  });
}
