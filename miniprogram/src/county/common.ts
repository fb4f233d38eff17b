// Helpers shared by the county pages (kept in the county subpackage).

/** The server sends rates as percentages (0–100, one decimal). */
export function pct(rate: number): string {
  return `${Math.round(rate * 10) / 10}%`;
}
