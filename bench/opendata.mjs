#!/usr/bin/env node
/**
 * Open-data benchmark: imports a generated consolidated DECP CSV of N contracts (10,000 by default) into a fresh
 * hub database, then exports DECP, OCDS and CSV of the resulting notices. Each phase runs in its own process so
 * that its peak memory (max RSS) is its own. Prints one line per phase and a JSON summary. Expects the hub built
 * (`pnpm build`); meant to become the `opendata` part of bench/run.mjs.
 *
 *   node bench/opendata.mjs [--rows N]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { generateCsv } from './import/decp-csv-generator.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const HUB_DIST = new URL('../packages/hub/dist/', import.meta.url);
const SELF = fileURLToPath(import.meta.url);

async function phase(name, dir) {
  const { parseConfig } = await import(new URL('shared/config.js', HUB_DIST));
  const { openOrm } = await import(new URL('db/orm.js', HUB_DIST));
  const config = parseConfig({ DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const orm = await openOrm(config);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let result;
  try {
    if (name === 'setup') {
      const { seedTerritory } = await import(new URL('seed/territory.seed.js', HUB_DIST));
      await orm.getMigrator().up();
      await seedTerritory(orm.em.fork());
      result = {};
    } else if (name === 'import') {
      const { importFile } = await import(new URL('opendata/import/importer.js', HUB_DIST));
      const summary = await importFile(orm, join(dir, 'decp.csv'), { now: new Date() });
      result = { records: summary.created + summary.updated + summary.unchanged, created: summary.created, skipped: summary.skipped };
    } else {
      const { exportOpenData } = await import(new URL('opendata/export/exporter.js', HUB_DIST));
      const out = join(dir, `export.${name}`);
      const summary = await exportOpenData(orm, name, out, { now: new Date(), ocdsPrefix: config.ocdsPrefix });
      result = { records: summary.records, notices: summary.notices, bytes: statSync(out).size };
    }
  } finally {
    await orm.close();
  }
  const seconds = (performance.now() - started) / 1000;
  // CPU over the same span as `seconds` (the sqlite3 driver's threads included): on a busy machine, the figure to compare.
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // maxRSS is in kilobytes: the most this process ever held, libraries and all.
  console.log(JSON.stringify({ phase: name, seconds, cpuSeconds, ...result, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '10000' }, phase: { type: 'string' }, dir: { type: 'string' }, profile: { type: 'string' } },
});
if (values.phase) {
  await phase(values.phase, values.dir);
} else {
  const rows = Number(values.rows);
  const dir = mkdtempSync(join(tmpdir(), 'bench-opendata-'));
  try {
    await generateCsv(join(dir, 'decp.csv'), rows);
    // --profile PHASE writes a CPU profile of that phase into the current directory.
    const flags = (name) => (values.profile === name ? ['--cpu-prof', '--cpu-prof-dir', process.cwd()] : []);
    const run = (name) =>
      JSON.parse(execFileSync(process.execPath, [...flags(name), SELF, '--phase', name, '--dir', dir], { encoding: 'utf8' }).trim().split('\n').at(-1));
    run('setup');
    const results = ['import', 'decp', 'ocds', 'csv'].map(run);
    for (const result of results) {
      const perSecond = Math.round((result.records ?? 0) / result.seconds);
      const unit = result.phase === 'import' ? 'rows' : result.phase === 'ocds' ? 'releases' : result.phase === 'decp' ? 'contracts' : 'rows';
      console.log(`${result.phase.padEnd(7)} ${String(result.records).padStart(6)} ${unit.padEnd(9)} in ${result.seconds.toFixed(2)} s = ${perSecond} ${unit}/s, CPU ${result.cpuSeconds.toFixed(2)} s, peak RSS ${result.peakRssMb} MB`);
    }
    console.log(JSON.stringify({ rows, results }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
