import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { HUB_NODE_FLAGS } from '../../packages/hub/runtime-flags.mjs';
import { atExit, makeTempDir } from '../lib/cleanup.mjs';
import { HUB_CLI, REPO_ROOT, RESULTS_DIR } from '../lib/paths.mjs';
import { hubEnv, startServer, stopServer } from '../lib/processes.mjs';
import { seedNotices } from '../seed-notices.mjs';
import { sampleProcessTree } from './process-tree.mjs';
import { gitCommit, machine } from '../lib/run-info.mjs';
import { measureCpu } from '../lib/cpu-usage.mjs';

const BUILD_SCRIPT = join(REPO_ROOT, 'site/scripts/build.mjs');
const RESULTS_FILE = join(RESULTS_DIR, 'site-build.json');
/** Issue 12's aim: a full build of 10,000 notices, Pagefind included, in at most 30 s on the project's 2-core machine
 * (issue 5's first aim was 60 s). */
const AIM_SECONDS = 30;
/** A 10,000-notice build takes minutes on a busy 2-core machine: run.mjs's usual 15 minutes, and the servers'
 * usual 10-minute lifetime, are too short for two sizes. */
export const timeLimitMs = 45 * 60_000;
const BUILD_TIMEOUT_MS = 20 * 60_000;

export const description = 'Astro build plus Pagefind from a seeded hub, time, peak memory and HTML sizes, at 1,000 and 10,000 notices';

/**
 * For each size: seeds a database (seed-notices.mjs: published, open notices of 3 lots), starts the hub, runs the
 * site's own build script into a temp dir as a child process and measures it. Options: sizes ([1000, 10000];
 * `notices` gives a single size).
 */
export async function run({ notices, sizes = notices ? [notices] : [1_000, 10_000] } = {}) {
  const results = {
    benchmark: 'site-build',
    date: new Date().toISOString(),
    commit: gitCommit(),
    machine: machine(),
    aimSeconds: AIM_SECONDS,
    sizes: [],
  };
  for (const size of sizes) {
    results.sizes.push(await measureSize(size));
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  }
  printTable(results);
  console.log(`Results written to ${RESULTS_FILE}`);
  return results;
}

async function measureSize(size) {
  const temp = makeTempDir('bench-site-');
  let hub;
  try {
    const dbPath = join(temp.path, 'hub.sqlite');
    console.log(`\n${size} notices: seeding ${dbPath}…`);
    const seeded = await seedNotices(dbPath, size);
    console.log(`  seeded in ${(seeded.ms.total / 1000).toFixed(1)} s`);
    hub = await startServer({
      name: 'hub',
      args: [HUB_CLI, 'serve'],
      env: hubEnv(dbPath, { PORT: '0', BENCH_SERVER_LIFETIME_MS: String(timeLimitMs) }),
      ready: /listening on (http:\/\/\S+?)\/graphql/,
      nodeArgs: HUB_NODE_FLAGS, // as deployed
    });
    const outDir = join(temp.path, 'dist');
    const loadBefore = loadavg();
    console.log(`  building (load average ${formatLoad(loadBefore)})…`);
    const hubCpuBefore = ownCpuMs(hub.pid);
    // Every core's busy time over the build, less the build's and the hub's: what other programs took meanwhile.
    const machineCpu = measureCpu([]);
    // A cold build: an empty chart cache of its own, so no chart drawn by an earlier build is reused.
    const build = await runBuild({ HUB_URL: `${hub.url}/graphql`, SITE_OUT_DIR: outDir, SITE_CHART_CACHE_DIR: join(temp.path, 'charts') });
    const hubCpuMs = ownCpuMs(hub.pid) - hubCpuBefore;
    const busy = machineCpu.stop();
    const loadAfter = loadavg();
    const pages = measurePages(outDir);
    const result = {
      notices: size,
      seedSeconds: seeded.ms.total / 1000,
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadAfter,
      ...build,
      // The hub's CPU while it answered the build's queries: an upper bound on the time the build waits for data.
      hubCpuMs,
      otherCores: busy ? Math.max(0, busy.machine - (build.buildCpuMs + hubCpuMs) / 1000 / build.wallSeconds) : null,
      ...pages,
      pagesPerSecond: pages.pages / build.wallSeconds,
      msPerPage: (build.wallSeconds * 1000) / pages.pages,
      cpuMsPerPage: (build.buildCpuMs + hubCpuMs) / pages.pages,
    };
    console.log(
      `  ${result.wallSeconds.toFixed(1)} s (Astro ${result.astroSeconds?.toFixed(1)} s, Pagefind ${result.pagefindSeconds?.toFixed(1)} s), ` +
        `${result.pages} pages, peak ${result.peakRssSumMiB.toFixed(0)} MiB (load average ${formatLoad(loadAfter)})`,
    );
    return result;
  } finally {
    if (hub) await stopServer(hub);
    temp.remove();
  }
}

/** Runs the site's build script as the publisher does, with its process tree sampled every 100 ms. */
async function runBuild(env) {
  const childrenCpuBefore = waitedChildrenCpuMs();
  const started = performance.now();
  const child = spawn(process.execPath, [BUILD_SCRIPT], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const forget = atExit(() => child.kill('SIGKILL'));
  const memory = sampleProcessTree(child.pid, 100);
  let output = '';
  const onData = (chunk) => {
    output += chunk;
    // Each phase's end is logged: sample at once so a short-lived child process is not missed.
    memory.sample();
  };
  child.stdout.setEncoding('utf8').on('data', onData);
  child.stderr.setEncoding('utf8').on('data', onData);
  const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
  const code = await new Promise((resolve) => child.once('exit', (exitCode, signal) => resolve(exitCode ?? signal)));
  clearTimeout(timer);
  forget();
  const wallSeconds = (performance.now() - started) / 1000;
  const tree = memory.stop();
  if (code !== 0) throw new Error(`the site build failed (${code}):\n${output.slice(-4000)}`);
  // The build script's own summary: "done in 12.3 s (Astro 10.1 s, Pagefind 2.2 s, 1234 pages indexed)".
  const summary = /done in ([\d.]+) s \(Astro ([\d.]+) s, (?:then )?Pagefind(?: and compression)? ([\d.]+) s, (\d+) pages indexed/.exec(output);
  if (!summary) console.warn(`  the build did not print its phases; its output:\n${output.slice(-2000)}`);
  // The renderer's phases, at the end of the summary: "… 11763 routes rendered: read and notice pages 12.3 s, …)".
  const phases = Object.fromEntries(
    [...(/routes rendered: ([^)]*)\)/.exec(output)?.[1] ?? '').matchAll(/([\w-]+(?: [\w-]+)*) ([\d.]+) s/g)].map(([, name, value]) => [name, Number(value)]),
  );
  return {
    wallSeconds,
    // Wall time less the script's own: Node's start and loading Astro before the script's clock starts.
    scriptSeconds: summary ? Number(summary[1]) : null,
    astroSeconds: summary ? Number(summary[2]) : null,
    pagefindSeconds: summary ? Number(summary[3]) : null,
    pagesIndexed: summary ? Number(summary[4]) : null,
    // The renderer's phases, part of Astro's time ("read and notice pages", "render", "write").
    phases,
    // CPU time of the build and everything it started, which varies much less than its duration on a busy machine.
    // Pagefind's binary is not always waited for, so its time may be missing from the waited-children figure.
    buildCpuMs: Math.max(waitedChildrenCpuMs() - childrenCpuBefore, tree.cpuMs),
    peakRssSumMiB: tree.peakRssSumMiB,
    vmHwmSumMiB: tree.vmHwmSumMiB,
    processes: tree.processes.map(({ name, vmHwmMiB, cpuMs }) => ({ name, vmHwmMiB, cpuMs })),
    log: output.split('\n').filter((line) => line.startsWith('[site build]')),
  };
}

/** Pages (index.html files), all files and bytes of the built site, and the HTML of the list and of one notice. */
function measurePages(outDir) {
  let pages = 0;
  let files = 0;
  let bytes = 0;
  let htmlBytes = 0;
  // The largest HTML page: every list is paginated, so it must not grow with the number of notices.
  let largest = { path: '', bytes: 0 };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const { size } = statSync(path);
        files++;
        bytes += size;
        if (entry.name.endsWith('.html')) {
          htmlBytes += size;
          if (size > largest.bytes) largest = { path: `/${relative(outDir, path)}`, bytes: size };
        }
        if (entry.name === 'index.html') pages++;
      }
    }
  };
  walk(outDir);
  const html = (relative) => {
    const content = readFileSync(join(outDir, relative));
    return { path: `/${relative.replace(/index\.html$/, '')}`, bytes: content.length, gzipBytes: gzipSync(content).length };
  };
  // Notice pages are /avis/<reference>/, references YYYY-ORG-NNNN; the facet pages beside them are not notices.
  const references = readdirSync(join(outDir, 'avis')).filter((name) => /^\d{4}-.+-\d+$/.test(name)).sort();
  if (references.length === 0) throw new Error(`no notice page under ${outDir}/avis`);
  return {
    pages,
    files,
    siteMiB: bytes / 2 ** 20,
    htmlMiB: htmlBytes / 2 ** 20,
    noticePages: references.length,
    listPage: html('avis/index.html'),
    noticePage: html(`avis/${references[0]}/index.html`),
    largestHtml: { ...largest, gzipBytes: gzipSync(readFileSync(join(outDir, largest.path))).length },
  };
}

function printTable({ sizes, aimSeconds, commit, machine }) {
  const kib = (value) => `${(value / 1024).toFixed(0)} KiB`;
  const rows = sizes.map((size) => ({
    notices: size.notices,
    'total s': size.wallSeconds.toFixed(1),
    'Astro s': size.astroSeconds?.toFixed(1),
    'Pagefind s': size.pagefindSeconds?.toFixed(1),
    'build CPU s': (size.buildCpuMs / 1000).toFixed(1),
    'hub CPU s': (size.hubCpuMs / 1000).toFixed(1),
    'other cores': size.otherCores?.toFixed(2) ?? 'n/a',
    'peak RSS MiB': size.peakRssSumMiB.toFixed(0),
    pages: size.pages,
    'ms/page': size.msPerPage.toFixed(1),
    'CPU ms/page': size.cpuMsPerPage.toFixed(1),
    '/avis/ HTML': `${kib(size.listPage.bytes)} (${kib(size.listPage.gzipBytes)} gz)`,
    'notice HTML': `${kib(size.noticePage.bytes)} (${kib(size.noticePage.gzipBytes)} gz)`,
    'largest HTML': `${size.largestHtml.path} ${kib(size.largestHtml.bytes)} (${kib(size.largestHtml.gzipBytes)} gz)`,
    load: `${formatLoad(size.loadAverageBefore)} → ${formatLoad(size.loadAverageAfter)}`,
  }));
  console.log(`\nSite build, commit ${commit}, ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}`);
  console.table(rows);
  for (const size of sizes.filter((entry) => entry.notices >= 10_000)) {
    console.log(
      `${size.notices} notices in ${size.wallSeconds.toFixed(1)} s (other cores ${size.otherCores?.toFixed(2) ?? 'n/a'}): ` +
        `the ${aimSeconds} s aim is ${size.wallSeconds <= aimSeconds ? 'met' : 'not met'}; phases: ` +
        (Object.entries(size.phases).map(([name, seconds]) => `${name} ${seconds} s`).join(', ') || 'not printed'),
    );
  }
}

const formatLoad = (load) => load.map((value) => value.toFixed(2)).join(' ');

/** CPU time (user + system) of a process itself, in ms. */
function ownCpuMs(pid) {
  const rest = procStat(pid);
  return (Number(rest[11]) + Number(rest[12])) * 10;
}

/** CPU time of this process's children that have ended and been waited for (and of their own waited children). */
function waitedChildrenCpuMs() {
  const rest = procStat('self');
  return (Number(rest[13]) + Number(rest[14])) * 10;
}

function procStat(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

