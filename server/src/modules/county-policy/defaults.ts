/**
 * What a county's policy is when it stores nothing (docs/domain.md: where documents differ, the stricter
 * value is the default).
 *
 * docs/domain.md R1 (002): one counsel may serve at most 5 villages; a county may set a stricter limit. */
export const DEFAULT_MAX_VILLAGES_PER_COUNSEL = 5;
export const DEFAULT_SUPERVISION_PHONE = '12348';

/** R2, R3: 4 h on site per village per month and a lecture per quarter (000), 50 h a year (004). */
export const DEFAULT_SERVICE_TARGETS = { minOnSiteHoursPerMonth: 4, minLecturesPerQuarter: 1, minHoursPerYear: 50 } as const;

/** Time limits of consultations (R8 限时办结): first response within 24 hours, closed within 7 days. */
export const DEFAULT_CONSULTATION_LIMITS = { firstResponseHours: 24, closureDays: 7 } as const;
