/**
 * The villages-per-counsel limit when a county changes it (docs/domain.md R1). A lowered limit
 * never ends an assignment: the villages keep their counsel, and a counsel over the limit gets no
 * new village until they are within it (counsel/policy.ts assignmentRefusal reads the limit in
 * force). Lowering it below what someone serves now needs the editor's explicit acknowledgement,
 * so nobody does it by accident, and the counsel over it are listed so county staff can act.
 */

export interface OverLimit {
  counselId: string;
  villagesServed: number;
  limit: number;
}

/**
 * The counsel serving more villages than `limit`, given the counsel id of every active assignment
 * (each holds one village), most villages first.
 */
export function counselOverLimit(activeCounselIds: readonly string[], limit: number): OverLimit[] {
  const served = new Map<string, number>();
  for (const id of activeCounselIds) served.set(id, (served.get(id) ?? 0) + 1);
  return [...served]
    .filter(([, n]) => n > limit)
    .map(([counselId, villagesServed]) => ({ counselId, villagesServed, limit }))
    .sort((a, b) => b.villagesServed - a.villagesServed || (a.counselId < b.counselId ? -1 : 1));
}

/**
 * Whether a change must be refused for want of acknowledgement: it lowers the limit and leaves
 * someone over the new one. Raising it, keeping it, or lowering it while everyone fits does not
 * ask (a save of other settings with counsel already over is not asked again).
 */
export function needsOverLimitAcknowledgement(input: {
  currentLimit: number;
  nextLimit: number;
  over: readonly OverLimit[];
  acknowledged: boolean;
}): boolean {
  return input.nextLimit < input.currentLimit && input.over.length > 0 && !input.acknowledged;
}

/** One counsel over the limit, in Chinese (the refusal's details, and the page's list). */
export function overLimitLine(name: string, o: Pick<OverLimit, 'villagesServed' | 'limit'>): string {
  return `${name || '（未登记姓名）'}：已服务 ${o.villagesServed} 个村（社区），超出上限 ${o.limit} 个`;
}

/** The refusal's message: how many, the new limit, and what happens if the editor confirms. */
export function overLimitMessage(count: number, limit: number): string {
  return (
    `有 ${count} 名法律顾问现在服务的村（社区）多于新的上限 ${limit} 个。` +
    '确认修改后，他们现有的指派保留、不会自动解除，但不能再为他们新增指派，直到服务村数不超过上限。请确认后再保存'
  );
}
