/** Duties of a village counsel (docs/domain.md R5), shown on the notice board when the counsel lists none. */
export const DEFAULT_DUTIES = [
  '解答村（居）民法律咨询',
  '帮助起草、审核、修改法律文书，应邀代理诉讼',
  '开展法治宣传教育、法治讲座',
  '参与人民调解，化解矛盾纠纷',
  '协助起草、审核村规民约，为村重大决策提供法律意见',
  '引导符合条件的群众申请法律援助',
];

export type AssignmentRefusal = 'COUNSEL_VILLAGE_LIMIT' | 'ALREADY_ASSIGNED' | null;

export function assignmentRefusal(input: {
  activeVillageCodes: readonly string[];
  villageCode: string;
  max: number;
}): AssignmentRefusal {
  if (input.activeVillageCodes.includes(input.villageCode)) return 'ALREADY_ASSIGNED';
  if (input.activeVillageCodes.length >= input.max) return 'COUNSEL_VILLAGE_LIMIT';
  return null;
}

export function limitMessage(max: number): string {
  return `每名法律顾问最多服务 ${max} 个村（社区），该顾问已达到或超出上限，不能再指派`;
}

export type CounselLoad = 'free' | 'full' | 'over';

/** A counsel's load against the county's limit: room left, at it, or over it (after the limit was lowered). */
export function loadOf(villageCount: number, max: number): CounselLoad {
  if (villageCount < max) return 'free';
  return villageCount === max ? 'full' : 'over';
}

/** A list search: a case-insensitive part of a name, taken literally. */
export function nameHas(name: string, q: string | undefined): boolean {
  if (!q) return true;
  return name.toLocaleLowerCase('zh-CN').includes(q.trim().toLocaleLowerCase('zh-CN'));
}
