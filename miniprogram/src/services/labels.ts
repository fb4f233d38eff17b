import type { Role } from '@vc/types';

/** Same wording as ROLE_LABELS in @vc/types (not imported at run time: that module pulls in zod). */
export const ROLE_LABELS: Record<Role, string> = {
  villager: '村（居）民',
  counsel: '村（居）法律顾问',
  township_staff: '司法所工作人员',
  county_staff: '县（区）司法局工作人员',
  county_expert: '县级专家',
  admin: '系统管理员',
};

export const HOTLINE = '12348';
