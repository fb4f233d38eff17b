import { DAY, isCountyStaff, type KindPolicy } from '../policy';

/**
 * Complaints and suggestions to the county bureau (投诉、意见建议; the 便民信箱 of seed 000, the
 * supervision phone's online counterpart). Only county staff see and answer them: a complaint about a
 * counsel never reaches the counsel's township.
 */
export const complaint: KindPolicy = {
  kind: 'complaint',
  firstTier: 'county',
  acts: {
    take: { by: 'handler', from: ['open'], to: 'handling' },
    answer: { by: 'handler', from: ['open', 'handling'], to: 'done', outcome: 'answered' },
  },
  handlesAt: (tier, where, grants) => tier === 'county' && isCountyStaff(where, grants),
  oversees: (where, grants) => isCountyStaff(where, grants),
  due: (createdAt, state, limits) =>
    state.status === 'done' ? null : new Date(createdAt.getTime() + limits.complaintAnswerDays * DAY),
  rateable: (outcome) => outcome === 'answered',
};
