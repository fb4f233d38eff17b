/**
 * The legal-literate roster's target rule (issue 17 item 3), pure: a village meets the county's
 * target (county policy legalLiterateTarget) when at least that many residents hold the role
 * there. tests/domain/roster-target.test.ts.
 */

export const meetsTarget = (count: number, target: number): boolean => count >= target;

/** Legal-literate residents per village: each holder counted once in each village where they hold the role. */
export function countByVillage(
  holders: readonly { id: string; roles: readonly { role: string; placeCode: string }[] }[],
): Map<string, number> {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  for (const h of holders)
    for (const r of h.roles) {
      const key = `${h.id}:${r.placeCode}`;
      if (r.role !== 'legal_literate' || r.placeCode.length !== 12 || seen.has(key)) continue;
      seen.add(key);
      counts.set(r.placeCode, (counts.get(r.placeCode) ?? 0) + 1);
    }
  return counts;
}

export interface VillageFigure {
  villageCode: string;
  count: number;
  meetsTarget: boolean;
}

/** Every village with its count and whether it meets the target, in code order, and the totals. */
export function coverage(villageCodes: readonly string[], counts: ReadonlyMap<string, number>, target: number) {
  const items: VillageFigure[] = [...new Set(villageCodes)].sort().map((villageCode) => {
    const count = counts.get(villageCode) ?? 0;
    return { villageCode, count, meetsTarget: meetsTarget(count, target) };
  });
  return {
    items,
    villages: items.length,
    meeting: items.filter((i) => i.meetsTarget).length,
    people: items.reduce((sum, i) => sum + i.count, 0),
  };
}
