/**
 * Installs Schemathesis (the outside API fuzzer, tests/server/schemathesis.test.ts) from PyPI into a
 * virtual environment under the repo, once: a stamp file records the hash of requirements.txt, so
 * a later call with the same pins does nothing, and a changed pin reinstalls.
 *
 * The venv lives in .cache/ (ignored by git, ESLint and Prettier: Python packages ship browser
 * JavaScript that the project's lint would otherwise check). Needs Python >= 3.11 with pip; on a
 * Debian Python without the venv module's pip (python3-venv not installed) the venv is made
 * without pip and the system pip installs into it (`pip --python`, pip >= 22.3).
 *
 * Run directly (`npx tsx tools/schemathesis/ensure.ts`) by .ci/run; called by tools/test.ts and the
 * fuzz test itself, so `npm test` and a single `npx jest` work on a dev machine too.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const requirements = path.join(__dirname, 'requirements.txt');
export const VENV_DIR = path.join(root, '.cache', 'schemathesis', 'venv');
const stamp = path.join(VENV_DIR, '.requirements-sha256');
const python = process.env.PYTHON ?? 'python3';

/** The schemathesis executable in the venv (whether or not it is installed yet). */
export const SCHEMATHESIS_BIN = path.join(VENV_DIR, 'bin', 'schemathesis');

/** The pinned version, read from requirements.txt (the one place it is written). */
export function pinnedVersion(): string {
  const pin = /^schemathesis==(\S+)$/m.exec(readFileSync(requirements, 'utf8'));
  if (!pin) throw new Error(`${requirements}: no exact schemathesis== pin`);
  return pin[1]!;
}

const hashOfRequirements = () => createHash('sha256').update(readFileSync(requirements)).digest('hex');

function must(cmd: string, args: string[], what: string) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.error || result.status !== 0) {
    throw new Error(`${what} failed (${cmd} ${args.join(' ')}: ${result.error?.message ?? `exit ${result.status}`})`);
  }
}

/** Makes sure the pinned Schemathesis is installed; returns the path of its executable. */
export function ensureSchemathesis(log: (line: string) => void = () => {}): string {
  const wanted = hashOfRequirements();
  if (existsSync(SCHEMATHESIS_BIN) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === wanted) {
    return SCHEMATHESIS_BIN;
  }
  const version = spawnSync(python, ['-c', 'import sys; sys.exit(sys.version_info < (3, 11))']);
  if (version.error || version.status !== 0) {
    throw new Error(`Schemathesis needs Python >= 3.11 with pip (tried ${python}; set PYTHON to use another)`);
  }
  log(`installing schemathesis ${pinnedVersion()} from PyPI into ${path.relative(root, VENV_DIR)} ...`);
  rmSync(VENV_DIR, { recursive: true, force: true });
  mkdirSync(path.dirname(VENV_DIR), { recursive: true });
  const venvPython = path.join(VENV_DIR, 'bin', 'python');
  // quiet: where it fails (no ensurepip) the fallback below is the answer, not its message
  const withPip = spawnSync(python, ['-m', 'venv', VENV_DIR], { cwd: root, stdio: 'ignore' });
  if (withPip.status === 0) {
    must(venvPython, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements], 'pip install');
  } else {
    rmSync(VENV_DIR, { recursive: true, force: true });
    must(python, ['-m', 'venv', '--without-pip', VENV_DIR], 'python3 -m venv');
    must(
      python,
      ['-m', 'pip', '--python', venvPython, 'install', '--quiet', '--disable-pip-version-check', '-r', requirements],
      'pip install',
    );
  }
  const installed = spawnSync(SCHEMATHESIS_BIN, ['--version'], { encoding: 'utf8' });
  if (!installed.stdout?.includes(pinnedVersion())) {
    throw new Error(`schemathesis --version said ${JSON.stringify(installed.stdout ?? installed.error?.message)}`);
  }
  writeFileSync(stamp, `${wanted}\n`);
  return SCHEMATHESIS_BIN;
}

if (require.main === module) {
  ensureSchemathesis((line) => console.log(line));
  console.log(`schemathesis ${pinnedVersion()}: ${path.relative(root, SCHEMATHESIS_BIN)}`);
}
