/** What the figures were measured on: hardware (node:os) and software versions. */
import os from 'node:os';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';

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
  mongoose: string;
  mongodbDriver: string;
  /** what the database answers to buildInfo (FerretDB reports its own version there) */
  buildInfo: Record<string, unknown> | null;
}

const root = path.resolve(__dirname, '..', '..');
const pkgVersion = (name: string) =>
  (JSON.parse(readFileSync(require.resolve(`${name}/package.json`, { paths: [root] }), 'utf8')) as { version: string }).version;

export async function environment(): Promise<Environment> {
  const goMod = readFileSync(path.join(root, 'tools', 'ferretdb', 'go.mod'), 'utf8');
  const ferretdb = /FerretDB\/FerretDB (v[\d.]+)/.exec(goMod)?.[1] ?? 'unknown';
  const sqlite = /modernc\.org\/sqlite (v[\d.]+)/.exec(goMod)?.[1];
  let buildInfo: Record<string, unknown> | null = null;
  try {
    const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
    buildInfo = { version: info.version };
  } catch {
    buildInfo = null;
  }
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    ferretdb: `FerretDB ${ferretdb}`,
    backend: `SQLite (modernc.org/sqlite ${sqlite ?? '?'}, files in a data folder)`,
    mongoose: pkgVersion('mongoose'),
    mongodbDriver: pkgVersion('mongodb'),
    buildInfo,
  };
}
