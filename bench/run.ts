/**
 * `npm run bench`: the benchmarks of issue 5, never part of `npm test`.
 *
 *   1. with the whole province loaded (Henan, 41; built once into bench/.cache/):
 *      - the province compliance report and one county report vs reading the same rollups raw
 *        with equality filters (pushed down to PostgreSQL, served by indexes);
 *      - single requests one at a time (submit a ledger entry, post a group message, group sync,
 *        my consultations, county group members) vs the same raw operations (target ≤ 3×);
 *      - the database commands each of those requests issues, and again with a longer list;
 *      - 16 clients at once: group post p99 and ledger submission throughput vs raw inserts
 *        (target ≥ 50% of raw insert throughput);
 *      - resident memory of the server, FerretDB and PostgreSQL at the end;
 *   2. group messages: concurrent posting and syncing vs raw inserts and range reads (demo county)
 *   3. ledger submissions with idempotency keys vs raw inserts and key lookups (demo county)
 *   4. mini-program package sizes vs WeChat's limits
 *   5. first paint of the H5 app on a slow network (400 kbit/s, 400 ms) vs a minimal page of the same server,
 *      and the JS the H5 home page needs (bench/firstpaint.ts)
 *
 * The database is the embedded one (tools/db/embedded.ts): FerretDB 1.24 on PostgreSQL 16.
 * Each product path and its floor run in the same run on the same embedded database, repeated;
 * medians and spread are printed as a table and written to bench/results/ as JSON. No figure is
 * asserted: targets are printed with whether this run met them.
 * Options: --only=province,groups,ledger,size,firstpaint; --h5-dir=DIR (the H5 build firstpaint loads, by default
 * miniprogram/dist-h5); --firstpaint-rounds=N (throttled loads of each side, by default 3).
 * Run as `npm run bench -- --only=groups,ledger`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { startEmbeddedDb } from '../tools/db/embedded';
import { environment, type Environment } from './lib/env';
import type { Comparison, Side } from './lib/report';
import { fmt } from './lib/stats';
import { benchProvince, type ProvinceResult } from './province';
import { benchGroups, type GroupsResult } from './groups';
import { benchLedger, type LedgerResult } from './ledger';
import { benchSize, weappBuilt, type SizeResult } from './size';
import { benchFirstPaint, h5HomeJsIfBuilt, type BuiltFile, type FirstPaintResult, type HomeJs, type PageJs } from './firstpaint';

const root = path.resolve(__dirname, '..');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (line: string) => console.log(`[${elapsed().padStart(5)}] ${line}`);

const only = (process.argv.find((a) => a.startsWith('--only='))?.slice(7) ?? 'province,groups,ledger,size,firstpaint').split(',');
const h5Dir = process.argv.find((a) => a.startsWith('--h5-dir='))?.slice(9);
const firstPaintRounds = Number(process.argv.find((a) => a.startsWith('--firstpaint-rounds='))?.slice(20) ?? 3);

async function databaseEnvironment(): Promise<Environment> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vc-bench-env-'));
  const db = await startEmbeddedDb({ dataDir: dir, log, durable: false });
  try {
    await mongoose.connect(db.uri, { serverSelectionTimeoutMS: 5000 });
    return await environment(db.postgresUrl);
  } finally {
    await mongoose.disconnect();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Display width: CJK characters take two columns. */
const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

function describeSide(side: Side, ratioOf: Comparison['ratioOf']): string {
  const l = side.latency;
  if (ratioOf === 'throughput' && side.throughput) {
    const t = side.throughput;
    return `${fmt(t.median)} req/s [${fmt(t.min)}–${fmt(t.max)}, ${t.rounds} rounds]; latency p50 ${fmt(l.p50)} ms, p99 ${fmt(l.p99)} ms`;
  }
  if (ratioOf === 'p99 latency' && side.throughput)
    return `p99 ${fmt(l.p99)} ms, p50 ${fmt(l.p50)} ms (median of ${side.throughput.rounds} rounds; n=${l.n}, max ${fmt(l.max)} ms)`;
  if (side.throughput) return `p50 ${fmt(l.p50)} ms, p99 ${fmt(l.p99)} ms (median of ${side.throughput.rounds} rounds; n=${l.n})`;
  return `p50 ${fmt(l.p50)} ms [min ${fmt(l.min)}, max ${fmt(l.max)}, n=${l.n}]`;
}

function printComparisons(comparisons: Comparison[]) {
  console.log('');
  console.log(`${pad('benchmark', 20)}${pad('measure', 62)}ratio (product ÷ floor)`);
  console.log('-'.repeat(120));
  for (const c of comparisons) {
    const target = c.target ? `  target ${c.target.text}: ${c.target.met ? 'met' : 'NOT met'}` : '';
    console.log(`${pad(c.benchmark, 20)}${pad(c.measure, 61)} ${c.ratio.toFixed(1)}× by ${c.ratioOf}${target}`);
    console.log(`${pad('', 20)}  product: ${pad(c.product.what, 50)} ${describeSide(c.product, c.ratioOf)}`);
    console.log(`${pad('', 20)}  floor:   ${pad(c.floor.what, 50)} ${describeSide(c.floor, c.ratioOf)}`);
    for (const note of c.notes ?? []) console.log(`${pad('', 20)}  ${note}`);
  }
}

function printPhases(title: string, phases: Record<string, number>) {
  console.log(`\n${title} (median ms)`);
  for (const [label, ms] of Object.entries(phases)) console.log(`  ${pad(label, 72)}${fmt(ms).padStart(9)}`);
}

async function main() {
  const results: {
    startedAt: string;
    environment?: Environment;
    province?: ProvinceResult;
    groups?: GroupsResult;
    ledger?: LedgerResult;
    size?: SizeResult;
    firstPaint?: FirstPaintResult;
    h5HomeJs?: HomeJs;
    comparisons: Comparison[];
    furthestFromOne?: { benchmark: string; measure: string; ratio: number };
    durationSeconds?: number;
    loadAverageAtEnd?: number[];
  } = { startedAt: new Date().toISOString(), comparisons: [] };

  log('environment ...');
  results.environment = await databaseEnvironment();
  const cacheRoot = path.join(root, 'bench', '.cache');
  mkdirSync(cacheRoot, { recursive: true });

  if (only.includes('province')) {
    log('1. province compliance report ...');
    results.province = await benchProvince(cacheRoot, log);
    results.comparisons.push(...results.province.comparisons);
  }
  if (only.includes('groups')) {
    log('2. group messages ...');
    results.groups = await benchGroups(log);
    results.comparisons.push(...results.groups.comparisons);
  }
  if (only.includes('ledger')) {
    log('3. ledger submissions ...');
    results.ledger = await benchLedger(log);
    results.comparisons.push(...results.ledger.comparisons);
  }
  if (only.includes('size')) {
    log('4. mini-program size ...');
    results.size = benchSize(log);
    if (!only.includes('firstpaint')) results.h5HomeJs = h5HomeJsIfBuilt(h5Dir);
  }
  if (only.includes('firstpaint')) {
    log('5. H5 first paint on a slow network ...');
    results.firstPaint = await benchFirstPaint(log, { h5Dir, rounds: firstPaintRounds });
    results.h5HomeJs = results.firstPaint.homeJs;
    results.comparisons.push(...results.firstPaint.comparisons);
    // the weapp packages next to the H5 home page's JS, when a weapp build is there (not built for this)
    if (!results.size && weappBuilt()) results.size = benchSize(log);
  }
  results.durationSeconds = Math.round((Date.now() - started) / 1000);
  results.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);

  // ---- output ----
  const e = results.environment;
  console.log('\n=== village-counsel benchmarks (npm run bench) ===');
  console.log(`hardware: ${e.cpu}, ${e.cores} cores, ${e.ramGiB} GiB RAM (${e.platform})`);
  const loadNow = os.loadavg().map((x) => x.toFixed(2));
  console.log(
    `load average (1/5/15 min): ${e.loadAverage.map((x) => x.toFixed(2)).join(' ')} at the start, ${loadNow.join(' ')} at the end ` +
      `(this run itself keeps about 1–2 cores busy; more means other work shared the machine)`,
  );
  console.log(
    `software: node ${e.node}, ${e.ferretdb} on ${e.backend}, mongoose ${e.mongoose} (mongodb driver ${e.mongodbDriver})` +
      (e.buildInfo ? ` (answers buildInfo as MongoDB ${String(e.buildInfo.version)})` : ''),
  );
  if (results.province) {
    const d = results.province.data;
    console.log(
      `province data: ${d.provinceCode} (${d.engine}) — ${d.counties} counties, ${d.townships} townships, ${d.villages} villages, ${d.counsel} counsel, ` +
        `${d.assignments} assignments, ${d.entries} approved entries in ${d.month}, ${d.rollups} rollups ` +
        `(${d.reusedCache ? `cache reused, built ${d.builtAt}` : 'built in this run'}; setup s: ${JSON.stringify(d.setupSeconds)})`,
    );
  }
  if (results.province) console.log(`province requests setup: ${JSON.stringify(results.province.requests.setup)}`);
  if (results.groups) console.log(`group messages setup: ${JSON.stringify(results.groups.setup)}`);
  if (results.ledger) console.log(`ledger setup: ${JSON.stringify(results.ledger.setup)}`);

  printComparisons(results.comparisons);

  if (results.province) {
    printPhases('where the province report goes (in-process, same database)', results.province.phases.province!);
    printPhases(
      `where the county report goes (${results.province.county.code} ${results.province.county.name})`,
      results.province.phases.county!,
    );
    const r = results.province.requests;
    console.log(
      `\ndatabase commands per request (commandStarted on mongoose's client, one request in flight; each request ${r.commands.rows[0]?.counts.length ?? 0} times)`,
    );
    console.log(
      `  ${pad('request', 46)}${pad('variant', 34)}${'list'.padStart(5)}${'commands'.padStart(12)}  by command and collection (last of them)`,
    );
    for (const row of r.commands.rows) {
      const counts = [...new Set(row.counts)].length === 1 ? String(row.counts[0]) : row.counts.join('/');
      const names = Object.entries(row.byName)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      console.log(
        `  ${pad(row.request, 46)}${pad(row.variant, 34)}${(row.listLength === null ? '–' : String(row.listLength)).padStart(5)}` +
          `${counts.padStart(12)}  ${names}${row.handshakes ? ` (+${row.handshakes} connection handshakes)` : ''}`,
      );
    }
    if (r.problems.length) {
      console.log(`\nWRONG REPLIES seen during the province run (the run went on)`);
      for (const text of r.problems) console.log(`  ${text}`);
    }
    console.log(
      `\nresident memory at the end of the province run (VmRSS; PostgreSQL's shared buffers count again in each process that touched them)`,
    );
    for (const m of results.province.memory) {
      console.log(
        `  ${pad(m.what, 76)}${(m.rssMiB === null ? '? (not the embedded engine)' : m.rssMiB.toFixed(0)).padStart(7)} MiB  pid ${m.pid}` +
          (m.processes > 1 ? `, ${m.processes} processes summed` : ''),
      );
    }
  }
  if (results.groups) printPhases('one lookup of a group post, alone (county database after the run)', results.groups.phases);
  if (results.ledger)
    printPhases('one lookup of a ledger submission, alone (county database after the run)', results.ledger.phases);

  if (results.size) {
    const s = results.size;
    console.log(
      `\nmini-program weapp build (miniprogram/dist, ${s.built ? `built now in ${s.buildSeconds} s` : `built ${s.builtAt}`}) vs WeChat limits`,
    );
    console.log(
      `  ${pad('package', 26)}${'files'.padStart(6)}${'KB'.padStart(10)}${'limit KB'.padStart(10)}${'used'.padStart(8)}  of which licence texts`,
    );
    for (const p of [...s.packages, s.total]) {
      console.log(
        `  ${pad(p.name, 26)}${String(p.files).padStart(6)}${p.kb.toFixed(1).padStart(10)}${String(p.limitKb).padStart(10)}${`${(p.share * 100).toFixed(1)}%`.padStart(8)}  ${p.licenceKb.toFixed(1)} KB${p.kb > p.limitKb ? '  OVER THE LIMIT' : ''}`,
      );
    }
  }

  if (results.h5HomeJs) {
    const h = results.h5HomeJs;
    const k = (bytes: number) => (bytes / 1024).toFixed(1);
    const list = (xs: BuiltFile[]) => xs.map((x) => `${x.file} ${k(x.bytes)} (br ${k(x.brBytes)})`).join(', ');
    console.log(
      `\nH5 build (${h5Dir ?? 'miniprogram/dist-h5'}): JS and CSS a page needs before it can draw, KB as built and as served (brotli)`,
    );
    console.log(`  ${pad('', 66)}${'built'.padStart(9)}${'served'.padStart(9)}`);
    const row = (label: string, p: PageJs) =>
      console.log(`  ${pad(label, 66)}${p.kb.toFixed(1).padStart(9)}${p.brKb.toFixed(1).padStart(9)}`);
    row('home page (index.html scripts/preloads + pages/index/index chunks)', h.home);
    row('login page (index.html scripts/preloads + pages/login/index chunks)', h.login);
    console.log(`  ${pad(`all JS of the build (${h.allJsFiles} files)`, 66)}${h.allJsKb.toFixed(1).padStart(9)}`);
    console.log(`  index.html: ${list(h.entry)}`);
    console.log(`  home adds: ${list(h.home.chunks)}`);
    console.log(`  login adds: ${list(h.login.chunks)}`);
  }
  if (results.firstPaint) {
    const f = results.firstPaint;
    const n = f.network;
    console.log(
      `\nH5 first paint on a slow network (Chromium, CDP throttling ${n.downKbit} kbit/s down, ${n.upKbit} kbit/s up, ${n.latencyMs} ms latency; ` +
        `CPU not throttled; empty cache; ${f.rounds} loads each; build ${f.builtAt})`,
    );
    console.log(
      `  ${pad('page', 46)}${'FCP ms'.padStart(9)}${'shown ms'.padStart(10)}${'JS+CSS KB'.padStart(11)}${'files'.padStart(7)}${'doc KB'.padStart(8)}  (median [min–max])`,
    );
    const row = (label: string, xs: FirstPaintResult['product']) => {
      const s = (pick: (x: (typeof xs)[number]) => number) => {
        const v = xs.map(pick).sort((a, b) => a - b);
        return { med: v[Math.ceil(v.length / 2) - 1]!, min: v[0]!, max: v[v.length - 1]! };
      };
      const fcp = s((x) => x.fcpMs);
      const shown = s((x) => x.visibleMs);
      console.log(
        `  ${pad(label, 46)}${fmt(fcp.med).padStart(9)}${fmt(shown.med).padStart(10)}${(s((x) => x.jsCssBytes).med / 1024).toFixed(1).padStart(11)}` +
          `${String(s((x) => x.jsCssFiles).med).padStart(7)}${(s((x) => x.documentBytes).med / 1024).toFixed(1).padStart(8)}` +
          `  FCP [${fmt(fcp.min)}–${fmt(fcp.max)}], shown [${fmt(shown.min)}–${fmt(shown.max)}]`,
      );
    };
    row('H5 app at / → login page (#demo-identities)', f.product);
    row('H5 app at /, signed in → home (#home-user-name)', f.home);
    row('floor: minimal static HTML page', f.floor);
    for (const c of f.comparisons) console.log(`  ratio ${c.measure}: ${c.ratio.toFixed(1)}× the floor`);
  }

  const targeted = results.comparisons.filter((c) => c.target);
  if (targeted.length) {
    console.log(`\ntargets (this run; figures, not assertions)`);
    for (const c of targeted)
      console.log(
        `  ${pad(`${c.benchmark} — ${c.measure}`, 100)} ${c.ratio.toFixed(1)}×  ${c.target!.text}: ${c.target!.met ? 'met' : 'NOT met'}`,
      );
  }

  const furthest = [...results.comparisons].sort((a, b) => Math.abs(Math.log(b.ratio)) - Math.abs(Math.log(a.ratio)))[0];
  if (furthest) {
    results.furthestFromOne = { benchmark: furthest.benchmark, measure: furthest.measure, ratio: furthest.ratio };
    console.log(`\nfurthest from 1: ${furthest.benchmark} — ${furthest.measure}: ${furthest.ratio.toFixed(1)}×`);
  }

  const dir = path.join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${results.startedAt.replace(/[:.]/g, '-')}.json`);
  const json = JSON.stringify(results, null, 2);
  writeFileSync(file, json);
  writeFileSync(path.join(dir, 'latest.json'), json);
  console.log(`\nwritten: ${path.relative(root, file)} (and bench/results/latest.json); total ${elapsed()}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
