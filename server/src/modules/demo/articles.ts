/**
 * Demo legal-education articles (issue 17 item 2): one for the whole county by its staff, one for
 * the demo township by its office, one for the demo village by its counsel, published through the
 * articles module's own use case. The texts are ours, so WeChat is not asked (a fixed "pass");
 * stable client keys make a second run write nothing.
 */
import { principalOf } from '../accounts/service';
import { publish } from '../articles/service';
import { activeAssignmentsIn } from '../counsel/queries';
import { demoUsers, userById, type UserDoc } from '../users/queries';

const PASS = () => Promise.resolve('pass' as const);

const ARTICLES = [
  {
    by: 'county',
    clientKey: 'demo-article-fraud',
    title: '防范电信网络诈骗“六个一律”',
    category: 'fraud_prevention',
    text:
      '凡是自称公检法要求汇款的，一律是诈骗；凡是让您把钱转到“安全账户”的，一律是诈骗；凡是通知中奖、领奖要先交钱的，一律是诈骗；' +
      '凡是陌生人索要短信验证码的，一律是诈骗；凡是要求您开通网银接受检查的，一律是诈骗；凡是“贷款”要先交保证金的，一律是诈骗。' +
      '遇到可疑情况，请立即挂断电话，拨打110或向本村法律顾问咨询。',
  },
  {
    by: 'township',
    clientKey: 'demo-article-wages',
    title: '农民工讨要工资的几条途径',
    category: 'labour_pay',
    text:
      '被拖欠工资时，先与用人单位协商，保留好考勤记录、工资条、聊天记录等证据；协商不成的，可以向当地劳动保障监察机构投诉，' +
      '或向劳动人事争议仲裁委员会申请仲裁；经济困难的，可以到司法所申请法律援助。',
  },
  {
    by: 'counsel',
    clientKey: 'demo-article-land',
    title: '土地承包经营权流转要签书面合同',
    category: 'land_contract',
    text:
      '承包地流转（出租、入股等）应当签订书面合同，写明流转的面积、期限、价款和支付方式、土地用途以及违约责任。' +
      '流转期限不得超过承包期的剩余期限，不得改变土地的农业用途。签合同前可以请本村法律顾问帮助审查。',
  },
] as const;

export async function seedDemoArticles(countyCode: string, townshipCode: string, villageCode: string): Promise<number> {
  const staff = await demoUsers();
  const county = staff.find((u) => u.roles.some((r) => r.role === 'county_staff' && r.placeCode === countyCode));
  const township = staff.find((u) => u.roles.some((r) => r.role === 'township_staff' && r.placeCode === townshipCode));
  const [assignment] = await activeAssignmentsIn(villageCode);
  const counsel = assignment ? await userById(assignment.counselId) : null;
  const publishers: Record<string, { user: UserDoc | null | undefined; scopeCode: string }> = {
    county: { user: county, scopeCode: countyCode },
    township: { user: township, scopeCode: townshipCode },
    counsel: { user: counsel, scopeCode: villageCode },
  };
  let written = 0;
  for (const a of ARTICLES) {
    const { user, scopeCode } = publishers[a.by]!;
    if (!user) continue;
    const principal = await principalOf(user, 'demo-seed');
    const { created } = await publish(
      principal,
      { clientKey: a.clientKey, title: a.title, text: a.text, category: a.category, scopeCode },
      PASS,
    );
    if (created) written++;
  }
  return written;
}
