/**
 * One Schemathesis run: writes its config into a fresh folder, runs the CLI from the venv there
 * (asynchronously: the server under test may live in the calling process), and reads its reports.
 * The folder keeps the config, the CLI's own output (`output.txt`) and the reports for people.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { schemathesisToml, type FuzzRunConfig } from './config';
import { SCHEMATHESIS_BIN } from './ensure';
import { summariseNdjson, type RunSummary } from './report';

export interface FuzzRun extends RunSummary {
  name: string;
  dir: string;
  exitCode: number | null;
  seconds: number;
  /** the run reached its end (Schemathesis' JSON report says complete) */
  complete: boolean;
}

export interface FuzzRunOptions extends FuzzRunConfig {
  /** a file-name-safe label, also the folder name */
  name: string;
  dir: string;
  schemaUrl: string;
  checks: string;
  excludeChecks: readonly string[];
  /** values for the config's `${...}` placeholders */
  env: Record<string, string>;
}

export async function runSchemathesis(options: FuzzRunOptions): Promise<FuzzRun> {
  const dir = path.resolve(options.dir, options.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const configFile = path.join(dir, 'schemathesis.toml');
  writeFileSync(configFile, schemathesisToml(options));
  const args = ['--config-file', configFile, 'run', options.schemaUrl, '--checks', options.checks];
  if (options.excludeChecks.length > 0) args.push('--exclude-checks', options.excludeChecks.join(','));
  args.push('--report', 'ndjson,json', '--report-dir', dir, '--report-ndjson-path', path.join(dir, 'events.ndjson'));
  args.push('--report-json-path', path.join(dir, 'report.json'), '--no-color');
  const started = Date.now();
  const output = createWriteStream(path.join(dir, 'output.txt'));
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(SCHEMATHESIS_BIN, args, {
      cwd: dir, // where Schemathesis would put anything it keeps
      env: {
        ...process.env,
        ...options.env,
        // the path parameters the config fixes, for hooks.py
        VC_FUZZ_FIXED_PATH: Object.keys(options.parameters).join(','),
        PYTHONHASHSEED: '0',
        PYTHONDONTWRITEBYTECODE: '1', // no __pycache__ beside hooks.py
        COLUMNS: '120',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(output, { end: false });
    child.stderr.pipe(output, { end: false });
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  output.end();
  const seconds = (Date.now() - started) / 1000;
  const events = path.join(dir, 'events.ndjson');
  const report = path.join(dir, 'report.json');
  if (!existsSync(events) || !existsSync(report)) {
    const said = readFileSync(path.join(dir, 'output.txt'), 'utf8').slice(0, 2000);
    throw new Error(`schemathesis (${options.name}) exited ${exitCode} without reports:\n${said}`);
  }
  const complete = (JSON.parse(readFileSync(report, 'utf8')) as { complete?: boolean }).complete === true;
  return { name: options.name, dir, exitCode, seconds, complete, ...summariseNdjson(events) };
}
