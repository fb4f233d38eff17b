import { AppError } from '../../shared/errors';
import type { Grant } from '../../shared/scope';
import { ROLE_PLACE_LENGTHS, type InvitableRole, type Role } from '@vc/types';
import { grantDecision } from './policy';

const LEVEL_NAMES: Record<number, string> = { 0: '全国', 2: '省级', 6: '县级', 9: '乡镇', 12: '村（社区）' };

/** Throws the refusal when these grants may not give (or withdraw) `role` at `placeCode`. */
export function assertMayGrant(grants: readonly Grant[], role: Role, placeCode: string): void {
  const decision = grantDecision(grants, role, placeCode);
  if (decision === 'allow') return;
  if (decision === 'ROLE_PLACE_MISMATCH') {
    const levels = ROLE_PLACE_LENGTHS[role as InvitableRole].map((n) => LEVEL_NAMES[n]).join('或');
    throw new AppError('ROLE_PLACE_MISMATCH', `该角色须在${levels}担任，不能在此级区划担任`);
  }
  throw new AppError(decision);
}
