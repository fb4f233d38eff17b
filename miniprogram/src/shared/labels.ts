import type { Role } from '@vc/types';
import { ROLE_LABELS } from '@vc/types/src/labels';

export {
  ROLE_LABELS,
  GROUP_TIER_LABELS,
  GROUP_STANDING_LABELS,
  GROUP_ACTION_LABELS,
  PII_KIND_LABELS,
} from '@vc/types/src/labels';

export const HOTLINE = '12348';

/**
 * The role a Chinese role label names. Group messages store their author's role as the label
 * written when posted (types/src/groups/schemas.ts authorRole), so the phone reads it back to a
 * role to show it in the person's language; null for any other text (a system message's).
 */
export function roleOfLabel(label: string): Role | null {
  const found = (Object.keys(ROLE_LABELS) as Role[]).find((role) => ROLE_LABELS[role] === label);
  return found ?? null;
}
