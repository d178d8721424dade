import { deepStrictEqual } from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeTempDir } from '../lib/cleanup.mjs';
import { formatCpuSummary, summariseCpuProfile } from '../lib/cpu-profile.mjs';
import { measureCpu } from '../lib/cpu-usage.mjs';
import { runLoad } from '../lib/load.mjs';
import { readRss, sampleRss } from '../lib/memory.mjs';
import { HUB_CLI, RESULTS_DIR } from '../lib/paths.mjs';
import { HUB_NODE_FLAGS } from '../../packages/hub/runtime-flags.mjs';
import { hubEnv, startServer, stopServer, waitForOutput } from '../lib/processes.mjs';
import { SQLITE_VERSION } from '../lib/sqlite.mjs';
import { seedNotices } from '../seed-notices.mjs';
import { NOTICES_QUERY, PAGE_SIZE, REQUEST } from './notices-query.mjs';
import { gitCommit, machine } from '../lib/run-info.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const BASELINE_SERVER = join(HERE, 'baseline-server.mjs');
const PROFILER_PRELOAD = pathToFileURL(join(HERE, '../lib/cpu-profiler-preload.mjs')).href;
const RESULTS_FILE = join(RESULTS_DIR, 'hub-notices.json');
/** The aim: the hub serves at least this share of the baseline's throughput. */
const AIM = 0.4;

export const description = `public notices(first: ${PAGE_SIZE}) with lots and buyer, against node:http + hand-written SQL`;

/**
 * Seeds a temporary database, then loads the hub and the baseline one after the other (never together: the
 * machine has two cores) with the same request, and reports both. Options: notices, durationSeconds,
 * warmupSeconds, connections, profile (profile the hub over its measured load and summarise where the time goes).
 */
export async function run({ notices = 10_000, durationSeconds = 15, warmupSeconds = 3, connections = 10, profile = false } = {}) {
  const temp = makeTempDir('territoire-bench-hub-');
  try {
    const dbPath = join(temp.path, 'hub.sqlite');
    console.log(`Seeding ${notices} published notices (3 lots each) in ${dbPath}…`);
    const seeded = await seedNotices(dbPath, notices);
    console.log(`  seeded in ${(seeded.ms.total / 1000).toFixed(1)} s (hub CLI ${seeded.ms.hubCli} ms, generate ${seeded.ms.generate} ms, insert ${seeded.ms.insert} ms)`);

    const load = { connections, durationSeconds, warmupSeconds };
    const profileFile = join(temp.path, 'hub.cpuprofile');
    const hub = await measure(
      {
        name: 'hub',
        args: [HUB_CLI, 'serve'],
        env: hubEnv(dbPath, { PORT: '0', ...(profile && { BENCH_CPU_PROFILE: profileFile }) }),
        ready: /listening on (http:\/\/\S+?)\/graphql/,
        // As deployed (packages/hub/runtime-flags.mjs).
        nodeArgs: [...HUB_NODE_FLAGS, ...(profile ? ['--import', PROFILER_PRELOAD] : [])],
      },
      load,
      { checkFirst: (body) => checkPage(body, notices), ...(profile && profilerHooks()) },
    );

    const baseline = await measure(
      // The same Node flags as the hub, so neither server gets a tuning the other lacks.
      { name: 'baseline', args: [BASELINE_SERVER, dbPath], env: { ...process.env }, ready: /listening on (http:\/\/\S+?)\/graphql/, nodeArgs: HUB_NODE_FLAGS },
      load,
      {
        // Same page, same JSON: checked before the baseline is measured, or its figures would mean nothing.
        checkFirst(body) {
          try {
            deepStrictEqual(body, hub.firstResponse);
          } catch (error) {
            throw new Error(`The baseline's answer differs from the hub's for the same page:\n${error.message}`);
          }
        },
      },
    );

    const ratio = hub.load.requestsPerSecond / baseline.load.requestsPerSecond;
    const results = {
      benchmark: 'hub-notices',
      date: new Date().toISOString(),
      commit: gitCommit(['packages/hub']),
      machine: machine({ sqlite: SQLITE_VERSION }),
      data: { notices: seeded.notices, lots: seeded.lots, seedMs: seeded.ms },
      query: NOTICES_QUERY,
      responseBytes: Buffer.byteLength(JSON.stringify(hub.firstResponse)),
      load,
      profiled: profile,
      hub: summary(hub),
      baseline: summary(baseline),
      ratio,
      aim: AIM,
      meetsAim: ratio >= AIM,
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    printTable(results);
    console.log(`Results written to ${RESULTS_FILE}`);

    if (profile) {
      const kept = join(RESULTS_DIR, 'hub-notices.cpuprofile');
      copyFileSync(profileFile, kept);
      console.log(`\nHub CPU profile (${kept}, open it in Chrome DevTools):\n${formatCpuSummary(summariseCpuProfile(kept))}`);
    }
    return results;
  } finally {
    temp.remove();
  }
}

/** Profiles the hub over the measured load only (see lib/cpu-profiler-preload.mjs). */
function profilerHooks() {
  const signal = async (server, marker) => {
    const after = server.output().length;
    server.child.kill('SIGUSR2');
    await waitForOutput(server, marker, { after });
  };
  return {
    beforeLoad: (server) => signal(server, '[cpu-profiler] started'),
    afterLoad: (server) => signal(server, '[cpu-profiler] written'),
  };
}

/** Starts one server, checks its first answer, warms it up, loads it while sampling its memory, stops it. */
async function measure(server, { connections, durationSeconds, warmupSeconds }, hooks = {}) {
  const { checkFirst = () => undefined, beforeLoad = async () => undefined, afterLoad = async () => undefined } = hooks;
  console.log(`\n${server.name}: starting`);
  const started = await startServer(server);
  try {
    const idle = readRss(started.pid);
    const url = new URL(REQUEST.path, started.url).href;
    if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(url)) throw new Error(`${server.name} is not on 127.0.0.1: ${url}`);
    const firstResponse = await firstAnswer(url, server.name);
    checkFirst(firstResponse);
    const request = { url, method: REQUEST.method, headers: REQUEST.headers, body: REQUEST.body, connections };
    if (warmupSeconds > 0) {
      console.log(`${server.name}: warming up for ${warmupSeconds} s`);
      await runLoad({ ...request, durationSeconds: warmupSeconds, label: `${server.name} warm-up` });
    }
    console.log(`${server.name}: ${connections} connections for ${durationSeconds} s`);
    await beforeLoad(started);
    const rss = sampleRss(started.pid);
    // The server and this process (autocannon) are ours; any other CPU use on the machine is noise.
    const cpu = measureCpu([started.pid, process.pid]);
    const load = await runLoad({ ...request, durationSeconds, label: server.name });
    const memory = rss.stop();
    const cpuUse = cpu.stop();
    await afterLoad(started);
    return { name: server.name, firstResponse, load, memory: { ...memory, idleRssMiB: idle.rssMiB }, cpu: cpuUse };
  } finally {
    const exit = await stopServer(started);
    // The hub's Apollo server re-raises SIGTERM once stopped (stopOnTerminationSignals), so it ends by that signal.
    if (exit !== 0 && exit !== 'SIGTERM') console.warn(`${server.name} exited with ${exit}`);
  }
}

async function firstAnswer(url, name) {
  const response = await fetch(url, { method: REQUEST.method, headers: REQUEST.headers, body: REQUEST.body, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${name} answered ${response.status}: ${text.slice(0, 2000)}`);
  return JSON.parse(text);
}

/** The hub's first page must be a real page of the seeded notices, not an error the baseline happens to copy. */
export function checkPage(body, notices) {
  const connection = body?.data?.notices;
  if (body.errors || !connection) throw new Error(`The hub answered with errors: ${JSON.stringify(body).slice(0, 2000)}`);
  if (connection.totalCount !== notices || connection.edges.length !== Math.min(PAGE_SIZE, notices)) {
    throw new Error(`The hub listed ${connection.edges.length} of ${connection.totalCount} notices; expected ${PAGE_SIZE} of ${notices}`);
  }
  if (connection.edges.some((edge) => edge.node.lots.length !== 3 || edge.node.status !== 'PUBLISHED')) {
    throw new Error('The hub listed a notice without its 3 lots or not open');
  }
}

function summary({ load, memory, cpu }) {
  return {
    requests: load.requests,
    seconds: load.seconds,
    requestsPerSecond: round(load.requestsPerSecond, 1),
    latencyMs: load.latencyMs,
    bytesPerSecond: Math.round(load.bytesPerSecond),
    idleRssMiB: round(memory.idleRssMiB, 1),
    peakRssMiB: round(memory.peakRssMiB, 1),
    vmHwmMiB: round(memory.vmHwmMiB, 1),
    // CPU time per answer varies far less than throughput when other programs compete for the cores.
    serverCpuMsPerRequest: cpu && round(cpu.processMs[0] / load.requests, 2),
    cpuCores: cpu && { server: round(cpu.processes[0], 2), loadGenerator: round(cpu.processes[1], 2), otherProcesses: round(cpu.others, 2) },
  };
}

function round(value, digits) {
  return Number(value.toFixed(digits));
}

function printTable(results) {
  const row = (name, r) => ({
    server: name,
    'req/s': r.requestsPerSecond,
    'p50 ms': r.latencyMs.p50,
    'p99 ms': r.latencyMs.p99,
    requests: r.requests,
    'RSS at start MiB': r.idleRssMiB,
    'peak RSS MiB (VmHWM)': r.vmHwmMiB,
    'CPU ms/req': r.serverCpuMsPerRequest,
    'server CPU cores': r.cpuCores?.server,
    'autocannon cores': r.cpuCores?.loadGenerator,
    'other cores': r.cpuCores?.otherProcesses,
  });
  console.log(`\n${results.data.notices} notices, ${results.load.connections} connections, ${results.load.durationSeconds} s each, Node ${results.machine.node}, ${results.machine.cpus} CPUs`);
  console.table([row('hub', results.hub), row('baseline', results.baseline)]);
  const verdict = results.meetsAim ? 'meets' : 'is BELOW';
  console.log(`hub / baseline = ${(results.ratio * 100).toFixed(1)} % of the baseline's throughput: ${verdict} the aim of ${AIM * 100} %.`);
  if (results.profiled) console.log('(The hub ran under the CPU profiler: its figures are lower than an unprofiled run.)');
  const others = Math.max(results.hub.cpuCores?.otherProcesses ?? 0, results.baseline.cpuCores?.otherProcesses ?? 0);
  if (others > 0.2) console.log(`Note: other programs used up to ${others} cores during a measurement: figures are noisy, run again on a quiet machine.`);
}
