import type { Shortfall } from './policy';

/** Minutes as hours rounded to 0.1 (245 minutes: 4.1): the export's and the to-do's hour figures. */
export const hoursOf = (minutes: number): number => Math.round(minutes / 6) / 10;
const hours = (minutes: number) => `${Math.round((minutes / 60) * 10) / 10}`;

/** A shortfall in words, for the progress page, the county report, the export and reminders. */
export function describeShortfall(s: Shortfall): string {
  if (s.period === 'month') return `本月驻点还差 ${hours(s.missingMinutes)} 小时`;
  if (s.period === 'quarter') return `本季度还需举办 ${s.missingLectures} 次法治讲座`;
  return `本年度服务还差 ${hours(s.missingMinutes)} 小时`;
}

export const describeShortfalls = (shortfalls: readonly Shortfall[]): string[] => shortfalls.map(describeShortfall);
