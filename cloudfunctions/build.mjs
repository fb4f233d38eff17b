// Bundles each cloud function (src/<name>/index.ts with src/common inlined) into dist/<name>/,
// with the package.json and config.json WeChat's cloud expects. wx-server-sdk stays external:
// the cloud installs it from the function's package.json.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const sdkVersion = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies['wx-server-sdk'];
const functions = readdirSync(path.join(root, 'src'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'common')
  .map((d) => d.name);

for (const name of functions) {
  const out = path.join(root, 'dist', name);
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [path.join(root, 'src', name, 'index.ts')],
    outfile: path.join(out, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    logLevel: 'warning',
  });
  writeFileSync(
    path.join(out, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', main: 'index.js', dependencies: { 'wx-server-sdk': sdkVersion } }, null, 2),
  );
  const config = path.join(root, 'src', name, 'config.json');
  writeFileSync(
    path.join(out, 'config.json'),
    existsSync(config) ? readFileSync(config) : JSON.stringify({ permissions: { openapi: [] } }, null, 2),
  );
  console.log(`cloud function ${name} → ${path.relative(process.cwd(), out)}`);
}
