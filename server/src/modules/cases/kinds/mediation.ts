import { DAY, isCountyStaff, isTownshipStaff, isVillageRole, type KindPolicy } from '../policy';

/**
 * People's mediation (人民调解). The village's mediators and counsel are its first contacts; whoever
 * takes it owns it, records sessions (a counsel's session is a ledger entry, kind 参与调解) and the
 * outcome: an agreement with its terms, none, or referred on.
 */
export const mediation: KindPolicy = {
  kind: 'mediation',
  firstTier: 'village',
  acts: {
    take: { by: 'handler', from: ['open'], to: 'handling' },
    session: { by: 'handler', from: ['open', 'handling'], to: 'handling' },
    settle: { by: 'handler', from: ['open', 'handling'], to: 'done', outcome: 'given' },
    cancel: { by: 'applicant', from: ['open', 'handling'], to: 'done', outcome: 'cancelled' },
  },
  handlesAt: (tier, where, grants) => tier === 'village' && isVillageRole(['mediator', 'counsel'], where, grants),
  oversees: (where, grants) => isTownshipStaff(where, grants) || isCountyStaff(where, grants),
  due: (createdAt, state, limits) =>
    state.status === 'done' ? null : new Date(createdAt.getTime() + limits.mediationDays * DAY),
  rateable: (outcome) => outcome !== 'cancelled',
};
