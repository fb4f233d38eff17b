import { LEGAL_AID_MATTER_LABELS } from '@vc/types';
import type { CountyPolicy, LegalAidCheckBody, LegalAidCheckReply } from '@vc/types';
import { DAY, isCountyStaff, isTownshipStaff, type KindPolicy } from '../policy';

/**
 * Legal aid (法律援助; R12, 法律援助法). The township's justice office pre-screens (初审): it asks
 * for more material, refuses with a reason, or forwards to the county's legal aid centre, which
 * grants (with the lawyer it assigns) or denies. Each tier's first contact owns it there.
 */
export const legalAid: KindPolicy = {
  kind: 'legal_aid',
  firstTier: 'township',
  acts: {
    take: { by: 'handler', from: ['open'], to: 'handling' },
    ask_material: { by: 'handler', from: ['open', 'handling'], to: 'waiting' },
    supply: { by: 'applicant', from: ['waiting'], to: 'handling' },
    forward: { by: 'handler', from: ['open', 'handling'], to: 'open', nextTier: true, tiers: ['township'] },
    refuse: { by: 'handler', from: ['open', 'handling', 'waiting'], to: 'done', outcome: 'refused', tiers: ['township'] },
    decide: { by: 'handler', from: ['open', 'handling'], to: 'done', outcome: 'given', tiers: ['county'] },
    cancel: { by: 'applicant', from: ['open', 'handling', 'waiting'], to: 'done', outcome: 'cancelled' },
  },
  handlesAt: (tier, where, grants) =>
    tier === 'township' ? isTownshipStaff(where, grants) : tier === 'county' && isCountyStaff(where, grants),
  oversees: (where, grants) => isTownshipStaff(where, grants) || isCountyStaff(where, grants),
  due: (createdAt, state, limits) => {
    if (state.status === 'done' || state.status === 'waiting') return null;
    const since = state.tierSince ?? createdAt;
    const days = state.tier === 'county' ? limits.legalAidDecisionDays : limits.legalAidPrescreenDays;
    return new Date(since.getTime() + days * DAY);
  },
  rateable: (outcome) => outcome !== 'cancelled',
};

/** The county's threshold, yuan per person a month (R12: a multiple of the minimum living allowance). */
export const thresholdOf = (policy: Pick<CountyPolicy, 'minimumLivingAllowance' | 'legalAidIncomeMultiple'>) =>
  Math.round(policy.minimumLivingAllowance * policy.legalAidIncomeMultiple);

/**
 * The eligibility check a villager answers before applying (R12): is the matter covered, and is the
 * household's income per person within the county's threshold (no economic test for people on social
 * assistance, 法律援助法 art. 42). Likely, not decided: the legal aid centre decides.
 */
export function checkEligibility(
  answers: Omit<LegalAidCheckBody, 'receivesAssistance'> & { receivesAssistance?: boolean },
  policy: Pick<CountyPolicy, 'minimumLivingAllowance' | 'legalAidIncomeMultiple' | 'legalAidMatters'>,
): LegalAidCheckReply {
  const threshold = thresholdOf(policy);
  const incomePerPerson = Math.round(answers.monthlyIncome / answers.householdSize);
  const matterCovered = policy.legalAidMatters.includes(answers.matter);
  const assisted = answers.receivesAssistance === true;
  const incomeEligible = assisted || incomePerPerson <= threshold;
  const label = LEGAL_AID_MATTER_LABELS[answers.matter];
  const reasons = [
    matterCovered ? `“${label}”属于本县法律援助事项范围` : `“${label}”不在本县法律援助事项范围内，可咨询法律顾问其他途径`,
    assisted
      ? '您领取低保、特困供养等社会救助，免予经济困难审查'
      : incomeEligible
        ? `家庭人均月收入约${incomePerPerson}元，不高于本县标准${threshold}元`
        : `家庭人均月收入约${incomePerPerson}元，高于本县标准${threshold}元`,
  ];
  return { likely: matterCovered && incomeEligible, matterCovered, incomeEligible, incomePerPerson, threshold, reasons };
}
