import { DAY, HOUR, isCountyStaff, isTownshipStaff, isVillageRole, type KindPolicy } from '../policy';

/**
 * A booking with the village's counsel (预约). The counsel confirms the asked time or proposes
 * another, which the villager accepts; either may cancel; after the time the counsel records it as
 * kept (a ledger entry with the villager as the person served) or as a no-show.
 */
export const booking: KindPolicy = {
  kind: 'booking',
  firstTier: 'village',
  acts: {
    confirm: { by: 'handler', from: ['open', 'handling'], to: 'confirmed' },
    propose: { by: 'handler', from: ['open', 'handling', 'confirmed', 'waiting'], to: 'waiting', reschedules: true },
    accept: { by: 'applicant', from: ['waiting'], to: 'confirmed' },
    cancel: { by: 'either', from: ['open', 'handling', 'waiting', 'confirmed'], to: 'done', outcome: 'cancelled' },
    no_show: { by: 'handler', from: ['confirmed'], to: 'done', outcome: 'no_show' },
    complete: { by: 'handler', from: ['confirmed'], to: 'done', outcome: 'kept' },
  },
  handlesAt: (tier, where, grants) => tier === 'village' && isVillageRole(['counsel'], where, grants),
  oversees: (where, grants) => isTownshipStaff(where, grants) || isCountyStaff(where, grants),
  due: (createdAt, state, limits) => {
    if (state.status === 'open' || state.status === 'handling')
      return new Date(createdAt.getTime() + limits.bookingConfirmHours * HOUR);
    // an agreed time is recorded (kept or not) by the end of the next day
    if (state.status === 'confirmed' && state.scheduledAt) return new Date(state.scheduledAt.getTime() + DAY);
    return null;
  },
  rateable: (outcome) => outcome === 'kept',
};
