import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { atExit, makeTempDir } from '../lib/cleanup.mjs';
import { measureCpu } from '../lib/cpu-usage.mjs';
import { HUB_DIR, RESULTS_DIR } from '../lib/paths.mjs';
import { generateCsv } from './decp-csv-generator.mjs';
import { gitCommit, machine } from '../lib/run-info.mjs';
import { HUB_NODE_FLAGS } from '../../packages/hub/runtime-flags.mjs';

export const description = 'hub import of a consolidated DECP CSV (10,000 and 1,000,000 rows), then the same file again, against reading it alone';
/** A million rows are imported twice: minutes each on a busy machine. */
export const timeLimitMs = 45 * 60_000;

const AIM_ROWS_PER_SECOND = 10_000;
const SELF = fileURLToPath(import.meta.url);
const DIST = (file) => pathToFileURL(join(HUB_DIR, 'dist', file)).href;

/**
 * One phase in its own process, so that its peak memory (maxRSS) is its own: `read` (the baseline: the same file
 * through the same CSV parser, every row counted and nothing else), `setup` (migrations, territory), `import`.
 */
async function childPhase(phase, dir) {
  const file = join(dir, 'decp.csv');
  // Timed from the work's start, modules loaded and database open: what a file of this size costs.
  let started = performance.now();
  let cpuStarted = process.cpuUsage();
  let mainStarted = mainThreadCpuSeconds();
  const start = () => {
    started = performance.now();
    cpuStarted = process.cpuUsage();
    mainStarted = mainThreadCpuSeconds();
  };
  let result = {};
  if (phase === 'read') {
    const { createRequire } = await import('node:module');
    const { createReadStream } = await import('node:fs');
    const { parse } = createRequire(join(HUB_DIR, 'package.json'))('csv-parse');
    let rows = 0;
    start();
    for await (const record of createReadStream(file).pipe(parse({ delimiter: ';', bom: true, columns: true, trim: true, skip_empty_lines: true, info: true }))) {
      if (record.record) rows++;
    }
    result = { records: rows };
  } else {
    const { parseConfig } = await import(DIST('shared/config.js'));
    const { openOrm } = await import(DIST('db/orm.js'));
    const orm = await openOrm(parseConfig({ DATABASE_URL: `sqlite:${join(dir, 'hub.sqlite')}`, NODE_ENV: 'test', LOG_LEVEL: 'silent' }));
    try {
      if (phase === 'setup') {
        const { seedTerritory } = await import(DIST('seed/territory.seed.js'));
        await orm.getMigrator().up();
        await seedTerritory(orm.em.fork());
      } else {
        const { importFile } = await import(DIST('opendata/import/importer.js'));
        start();
        const summary = await importFile(orm, file, { now: new Date() });
        result = { records: summary.records, created: summary.created, updated: summary.updated, unchanged: summary.unchanged, skipped: summary.skipped };
      }
    } finally {
      await orm.close();
    }
  }
  const cpu = process.cpuUsage(cpuStarted);
  const mainThread = mainThreadCpuSeconds();
  console.log(
    JSON.stringify({
      phase,
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      mainThreadCpuSeconds: mainThread === null || mainStarted === null ? null : mainThread - mainStarted,
      ...result,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

/**
 * CPU seconds of the process's main thread (JavaScript), from /proc: the process's CPU also counts SQLite's thread
 * (the driver runs statements off the main thread) and the garbage collector's helpers. Null where /proc is missing.
 */
function mainThreadCpuSeconds() {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (USER_HZ, 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

function runPhase(phase, dir) {
  return new Promise((resolve, reject) => {
    // With the hub's flags, as `pnpm hub import` runs (its 64 MiB young generation: a batch of 500 records lives
    // while the next is read, which V8's default 16 MiB promotes to the old generation); the baseline the same.
    const child = spawn(process.execPath, [...HUB_NODE_FLAGS, SELF, phase, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const forget = atExit(() => child.kill());
    const cpu = measureCpu([child.pid]);
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      forget();
      const usage = cpu.stop();
      if (code !== 0) return reject(new Error(`phase ${phase} exited with ${code}: ${output}`));
      resolve({ ...JSON.parse(output.trim().split('\n').at(-1)), otherCores: usage ? usage.others : null });
    });
  });
}

async function measureSize(rows, buyers) {
  const temp = makeTempDir('bench-import-');
  try {
    const file = join(temp.path, 'decp.csv');
    await generateCsv(file, rows, buyers);
    const bytes = statSync(file).size;
    const read = await runPhase('read', temp.path);
    await runPhase('setup', temp.path);
    const first = await runPhase('import', temp.path);
    const again = await runPhase('import', temp.path);
    if (first.created !== rows || first.skipped !== 0) throw new Error(`the first import created ${first.created} of ${rows} rows`);
    // Idempotence at scale: the same file again changes nothing.
    if (again.created !== 0 || again.updated !== 0 || again.unchanged !== rows) throw new Error(`the second import was not idempotent: ${JSON.stringify(again)}`);
    const rate = (phase) => phase.records / phase.seconds;
    // Rows per second of the process's CPU (SQLite's thread included): on a shared machine, the figure to compare.
    for (const phase of [read, first, again]) phase.rowsPerCpuSecond = phase.records / phase.cpuSeconds;
    return { rows, buyers, bytes, read, first, again, importRate: rate(first), againRate: rate(again), readRate: rate(read), ratio: rate(first) / rate(read) };
  } finally {
    temp.remove();
  }
}

export async function run(options = {}) {
  const sizes = options.sizes ?? (options.notices ? [options.notices] : [10_000, 1_000_000]);
  const results = { benchmark: 'import', date: new Date().toISOString(), commit: gitCommit(['packages/hub']), machine: machine(), sizes: [] };
  for (const rows of sizes) {
    const buyers = options.buyers ?? 60;
    console.log(`${rows.toLocaleString('en')} rows, ${buyers.toLocaleString('en')} buyers…`);
    const size = await measureSize(rows, buyers);
    results.sizes.push(size);
    const line = (name, phase, rate) =>
      console.log(
        `  ${name.padEnd(18)} ${phase.seconds.toFixed(1).padStart(7)} s  ${Math.round(rate).toLocaleString('en').padStart(9)} rows/s  CPU ${phase.cpuSeconds.toFixed(1).padStart(6)} s (${Math.round(phase.rowsPerCpuSecond).toLocaleString('en')} rows per CPU s, main thread ${phase.mainThreadCpuSeconds?.toFixed(1) ?? '?'} s)  peak RSS ${String(phase.peakRssMiB).padStart(4)} MiB  other cores ${phase.otherCores?.toFixed(2) ?? '?'}`,
      );
    line('read (baseline)', size.read, size.readRate);
    line('import', size.first, size.importRate);
    line('import again', size.again, size.againRate);
    console.log(`  import / read: ${(size.ratio * 100).toFixed(1)} % of the rows/s, ${((size.first.rowsPerCpuSecond / size.read.rowsPerCpuSecond) * 100).toFixed(1)} % of the rows per CPU second; aim ${AIM_ROWS_PER_SECOND.toLocaleString('en')} rows/s: ${size.importRate >= AIM_ROWS_PER_SECOND ? 'met' : 'missed'}; second import: 0 created, 0 updated, ${size.again.unchanged} unchanged`);
  }
  mkdirSync(RESULTS_DIR, { recursive: true });
  const out = join(RESULTS_DIR, 'import.json');
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`commit ${results.commit}; results written to ${out}`);
  return results;
}

if (process.argv[1] === SELF && process.argv[2]) await childPhase(process.argv[2], process.argv[3]);
