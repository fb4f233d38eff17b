/**
 * Benchmark 4: the weapp build's main package and each subpackage against WeChat's limits
 * (2 MB per package, 20 MB for all of them). Subpackages are the roots listed in
 * miniprogram/src/app.config.ts; everything else in miniprogram/dist is the main package.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const DIST = path.join(root, 'miniprogram', 'dist');
export const PACKAGE_LIMIT_KB = 2048;
export const TOTAL_LIMIT_KB = 20480;

export interface PackageSize {
  name: string;
  files: number;
  kb: number;
  /** of which licence texts (*.LICENSE.txt), which the developer tools do not upload */
  licenceKb: number;
  limitKb: number;
  /** kb / limitKb */
  share: number;
}

export interface SizeResult {
  built: boolean;
  /** when the measured build was made (app.js modification time) */
  builtAt: string;
  buildSeconds: number | null;
  packages: PackageSize[];
  total: PackageSize;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

function subpackageRoots(): string[] {
  const source = readFileSync(path.join(root, 'miniprogram', 'src', 'app.config.ts'), 'utf8');
  return [...source.matchAll(/root:\s*'([^']+)'/g)].map((m) => m[1]!);
}

/** Whether miniprogram/dist holds a weapp build. */
export const weappBuilt = (): boolean => existsSync(path.join(DIST, 'app.json'));

export function benchSize(log: (line: string) => void): SizeResult {
  let built = false;
  let buildSeconds: number | null = null;
  if (!existsSync(path.join(DIST, 'app.json'))) {
    log('miniprogram/dist is missing: npm run build:weapp ...');
    const started = Date.now();
    const build = spawnSync('npm', ['run', 'build:weapp', '--silent'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build:weapp failed');
    built = true;
    buildSeconds = Math.round((Date.now() - started) / 100) / 10;
  }
  const roots = subpackageRoots();
  // the built app.json is what WeChat reads: its subpackages must be the ones the source lists
  const appJson = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  const builtRoots = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => s.root.replace(/\/$/, ''));
  if (builtRoots.sort().join() !== [...roots].sort().join()) {
    throw new Error(`dist/app.json subpackages ${builtRoots.join(',')} differ from app.config.ts ${roots.join(',')}`);
  }
  const sizes = new Map<string, { files: number; bytes: number; licence: number }>(
    ['main', ...roots].map((name) => [name, { files: 0, bytes: 0, licence: 0 }]),
  );
  for (const file of walk(DIST)) {
    const relative = path.relative(DIST, file).split(path.sep);
    const owner = roots.includes(relative[0]!) && relative.length > 1 ? relative[0]! : 'main';
    const entry = sizes.get(owner)!;
    const bytes = statSync(file).size;
    entry.files += 1;
    entry.bytes += bytes;
    if (file.endsWith('.LICENSE.txt')) entry.licence += bytes;
  }
  const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
  const packages = [...sizes.entries()].map(([name, s]) => ({
    name: name === 'main' ? 'main package' : `subpackage ${name}/`,
    files: s.files,
    kb: kb(s.bytes),
    licenceKb: kb(s.licence),
    limitKb: PACKAGE_LIMIT_KB,
    share: s.bytes / 1024 / PACKAGE_LIMIT_KB,
  }));
  const all = [...sizes.values()].reduce(
    (t, s) => ({ files: t.files + s.files, bytes: t.bytes + s.bytes, licence: t.licence + s.licence }),
    { files: 0, bytes: 0, licence: 0 },
  );
  const total = {
    name: 'total (all packages)',
    files: all.files,
    kb: kb(all.bytes),
    licenceKb: kb(all.licence),
    limitKb: TOTAL_LIMIT_KB,
    share: all.bytes / 1024 / TOTAL_LIMIT_KB,
  };
  const builtAt = statSync(path.join(DIST, 'app.js')).mtime.toISOString();
  return { built, builtAt, buildSeconds, packages, total };
}
