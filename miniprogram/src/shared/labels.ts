export {
  ROLE_LABELS,
  GROUP_TIER_LABELS,
  GROUP_STANDING_LABELS,
  GROUP_ACTION_LABELS,
  PII_KIND_LABELS,
} from '@vc/types/src/labels';

export const HOTLINE = '12348';
