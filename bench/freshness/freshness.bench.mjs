import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HUB_NODE_FLAGS } from '../../packages/hub/runtime-flags.mjs';
import { makeTempDir } from '../lib/cleanup.mjs';
import { HUB_CLI, HUB_DIR, REPO_ROOT, RESULTS_DIR } from '../lib/paths.mjs';
import { hubEnv, startServer, stopServer } from '../lib/processes.mjs';
import { seedNotices } from '../seed-notices.mjs';
import { sampleProcessTree } from '../site/process-tree.mjs';
import { gitCommit, machine } from '../lib/run-info.mjs';

const PUBLISHER_CLI = join(REPO_ROOT, 'packages/publisher/dist/main.js');
const RESULTS_FILE = join(RESULTS_DIR, 'freshness.json');
const execFileAsync = promisify(execFile);
/** Issue 12's aims, at every size: a median within 2 s, the worst within 5 s. */
const AIM_MS = 5_000;
const MEDIAN_AIM_MS = 2_000;
/** How often the page is asked for while waiting: the figures are this much coarser at worst. */
const POLL_MS = 25;
/** A 10,000-notice build takes minutes on two cores: the servers' usual 10-minute lifetime, and run.mjs's usual
 * 15-minute limit, are too short here. */
export const timeLimitMs = 75 * 60_000;
const SERVER_LIFETIME_MS = String(timeLimitMs);
/** Timed publications per size when --runs is not given: fewer where each costs a build of minutes. */
const DEFAULT_RUNS = (size) => (size > 5_000 ? 3 : 5);
const DAY = 86_400_000;

export const description =
  'publisher: from publishNotice’s answer to the new notice page served (an incremental release of the long-lived renderer), at 1,000 and 10,000 notices';

/**
 * For each size: seeds a database, starts the hub and the publisher (real site builds, the publisher subscribed with
 * a real secret), makes the first build, then `runs` times publishes a new notice through GraphQL and polls the
 * publisher for `/avis/<reference>/` until it answers 200. Options: sizes ([1000, 10000]; `notices` gives a
 * single size), runs (5 up to 5,000 notices, 3 above).
 */
export async function run({ notices, runs, sizes = notices ? [notices] : [1_000, 10_000] } = {}) {
  const results = {
    benchmark: 'freshness',
    date: new Date().toISOString(),
    commit: gitCommit(),
    machine: machine(),
    pollMs: POLL_MS,
    aimMs: AIM_MS,
    sizes: [],
  };
  for (const size of sizes) {
    results.sizes.push(await measureSize(size, runs ?? DEFAULT_RUNS(size)));
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  }
  printTable(results);
  console.log(`Results written to ${RESULTS_FILE}`);
  return results;
}

async function measureSize(size, runs) {
  const temp = makeTempDir('territoire-bench-freshness-');
  const servers = [];
  try {
    const dbPath = join(temp.path, 'hub.sqlite');
    // FRESHNESS_SEED_DIR=<dir> with seed-<size>.sqlite in it (a database seedNotices filled earlier): copied and
    // migrated instead of seeded again, which takes minutes at 10,000 notices and more.
    const cached = process.env.FRESHNESS_SEED_DIR ? join(process.env.FRESHNESS_SEED_DIR, `seed-${size}.sqlite`) : null;
    if (cached && existsSync(cached)) {
      console.log(`\n${size} notices: copying ${cached} to ${dbPath} and migrating it…`);
      copyFileSync(cached, dbPath);
      await execFileAsync(process.execPath, [HUB_CLI, 'migrate'], { env: hubEnv(dbPath) });
    } else {
      console.log(`\n${size} notices: seeding ${dbPath}…`);
      const seeded = await seedNotices(dbPath, size);
      console.log(`  seeded in ${(seeded.ms.total / 1000).toFixed(1)} s`);
    }
    const { email, password } = await createBuyer(dbPath);

    const lifetime = { BENCH_SERVER_LIFETIME_MS: SERVER_LIFETIME_MS };
    const hub = await startServer({
      name: 'hub',
      args: [HUB_CLI, 'serve'],
      env: hubEnv(dbPath, { PORT: '0', ...lifetime }),
      ready: /listening on (http:\/\/\S+?)\/graphql/,
      nodeArgs: HUB_NODE_FLAGS, // as deployed
    });
    servers.push(hub);
    const graphqlUrl = `${hub.url}/graphql`;
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const statusToken = randomBytes(32).toString('base64');
    const publisherEnv = {
      ...process.env,
      PUBLISHER_PORT: '0',
      PUBLISHER_HOST: '127.0.0.1',
      PUBLISHER_DATA_DIR: join(temp.path, 'publisher'),
      HUB_URL: graphqlUrl,
      WEBHOOK_SECRET: secret,
      PUBLISHER_LOG_LEVEL: 'warn',
      // /status gives the details (the build online, its phases) only with the operator's token.
      PUBLISHER_STATUS_TOKEN: statusToken,
      // The slow path (search index) follows an incremental release after 2 s instead of 30, so runs need not wait.
      PUBLISHER_SLOW_PATH_DELAY_MS: '2000',
      // The first (full) build of a large territory on a busy machine can outlast the default 10 minutes.
      PUBLISHER_BUILD_TIMEOUT_MS: SERVER_LIFETIME_MS,
      ...lifetime,
    };
    delete publisherEnv.PUBLISHER_DEMO;
    delete publisherEnv.PUBLISHER_BUILD_COMMAND;
    const publisher = await startServer({
      name: 'publisher',
      args: [PUBLISHER_CLI, 'serve', '--build-now'],
      env: publisherEnv,
      ready: /publisher listening on (http:\/\/\S+?) \(/,
    });
    servers.push(publisher);
    // The publisher's memory: the sum of the resident sets of its whole process tree (the publisher, its renderer,
    // the slow path's indexer and their Pagefind processes) at one instant, sampled all along: the first (full)
    // build apart, then while it holds the territory and publishes.
    const firstBuildMemory = sampleProcessTree(publisher.pid, 250);
    await execFileAsync(process.execPath, [HUB_CLI, 'webhook', 'subscribe', '--url', `${publisher.url}/webhooks`, '--secret', secret], { env: hubEnv(dbPath) });

    const status = async () => (await fetch(`${publisher.url}/status`, { headers: { authorization: `Bearer ${statusToken}` } })).json();
    console.log('  first build (started with the publisher)…');
    const first = await waitFor('the first build', async () => {
      const now = await status();
      if (now.lastFailure) throw new Error(`the first build failed: ${now.lastFailure.reason}\n${now.lastFailure.stderrTail}`);
      return now.current;
    });
    console.log(`  first build: ${seconds(first.durationMs)} s`);
    const firstBuildPeak = firstBuildMemory.stop();
    const holdingMemory = sampleProcessTree(publisher.pid, 250);
    const token = await login(graphqlUrl, email, password);

    const measured = [];
    const cpu = machineCpu([hub.pid, publisher.pid, process.pid]);
    // Idle, with the next build started ahead of time compiled and waiting (publications are minutes apart in real
    // life; without this wait a run would also time the rest of that compilation), and the slow path done: its
    // search index is made beside the releases (which do not wait for it), but its CPU would count in the run's.
    const idle = () =>
      waitFor('the publisher to be idle', async () => {
        const now = await status();
        return (
          !now.building &&
          now.eventsWaiting === 0 &&
          now.nextBuildAt === null &&
          !now.nextSlowPathAt &&
          !now.searchIndexing &&
          (!now.nextBuild || now.nextBuild.ready) &&
          now
        );
      });
    for (let index = 1; index <= runs; index++) {
      await idle();
      const reference = await createDraft(graphqlUrl, token, `Mesure de fraîcheur ${size} n° ${index}`);
      const page = `${publisher.url}/avis/${reference}/`;
      const childCpuBefore = treeCpuMs(publisher.pid);
      const hubCpuBefore = ownCpuMs(hub.pid);
      const answered = await publish(graphqlUrl, token, reference);
      let polls = 0;
      const appeared = await waitFor(`${page} to be served`, async () => {
        const response = await fetch(page, { method: 'HEAD' });
        if (response.status === 200) return Date.now();
        // A failed build is retried with backoff for as long as it fails: say why now rather than after the timeout.
        if (++polls % 40 === 0) {
          const { lastFailure } = await status();
          if (lastFailure && Date.parse(lastFailure.finishedAt) > answered) {
            throw new Error(`a build failed after the publication: ${lastFailure.reason}\n${lastFailure.stderrTail}`);
          }
        }
        return false;
      }, POLL_MS);
      // The status names the new build once the publisher has also pruned the old ones, a little after the swap.
      const { current: online } = await waitFor('the publisher to finish the build', async () => {
        const now = await status();
        return !now.building && now;
      });
      if (Date.parse(online.finishedAt) < answered) throw new Error(`the build online (${online.id}) finished before the notice was published`);
      const sample = {
        reference,
        freshnessMs: appeared - answered,
        buildMs: online.durationMs,
        // CPU time of the build and its helpers, which varies much less than its duration on a busy machine.
        // (the publisher's process tree: the site renderer it keeps, or the builds it ran and waited for)
        buildCpuMs: treeCpuMs(publisher.pid) - childCpuBefore,
        release: online.release ? { kind: online.release.kind, routesRendered: online.release.routesRendered, phases: online.release.phases } : null,
        // The hub answering the build's queries (and the publication): time the build spends waiting for data.
        hubCpuMs: ownCpuMs(hub.pid) - hubCpuBefore,
        ...(online.release ? releasePhases(online.release) : buildPhases(join(temp.path, 'publisher', 'logs', `${online.id}.log`))),
        // Delivery, signature check, dedupe file, the quiet period (500 ms) and the build's process start.
        beforeBuildMs: Date.parse(online.startedAt) - answered,
        // The swap, and our next poll.
        afterBuildMs: appeared - Date.parse(online.finishedAt),
      };
      // The slow path that follows the publication (its search index, then the release that takes it): its CPU.
      const slowCpuBefore = treeCpuMs(publisher.pid);
      const hubSlowCpuBefore = ownCpuMs(hub.pid);
      const { current: afterSlow } = await idle();
      sample.slowPathCpuMs = treeCpuMs(publisher.pid) - slowCpuBefore;
      sample.slowPathHubCpuMs = ownCpuMs(hub.pid) - hubSlowCpuBefore;
      sample.slowPathRelease = afterSlow.release?.kind === 'search' ? { phases: afterSlow.release.phases, copy: afterSlow.release.copy, durationMs: afterSlow.durationMs } : null;
      measured.push(sample);
      console.log(
        `  run ${index}/${runs}: ${seconds(sample.freshnessMs)} s (${sample.release ? `${sample.release.kind} release, ${sample.release.routesRendered} routes rendered, ` : ''}` +
          `build ${seconds(sample.buildMs)} s: Astro ${seconds(sample.astroMs)} s, ` +
          `Pagefind ${seconds(sample.pagefindMs)} s, ${seconds(sample.buildCpuMs)} CPU s, hub ${seconds(sample.hubCpuMs)} CPU s; ` +
          `then the slow path ${seconds(sample.slowPathCpuMs)} CPU s, hub ${seconds(sample.slowPathHubCpuMs)} CPU s, its release ${JSON.stringify(sample.slowPathRelease)}; ` +
          `before it ${seconds(sample.beforeBuildMs)} s)`,
      );
    }
    // Publications while the slow path's search index is being made (it starts PUBLISHER_SLOW_PATH_DELAY_MS after a
    // publication's release): served without waiting for it.
    const duringSlowPath = [];
    for (let index = 1; index <= 2; index++) {
      await idle();
      const first = await createDraft(graphqlUrl, token, `Mesure de fraîcheur ${size} pendant l’index n° ${index}`);
      await publish(graphqlUrl, token, first);
      await waitFor('the slow path to index', async () => (await status()).searchIndexing, POLL_MS);
      const reference = await createDraft(graphqlUrl, token, `Mesure de fraîcheur ${size} pendant l’index n° ${index} bis`);
      const answered = await publish(graphqlUrl, token, reference);
      const appeared = await waitFor(`/avis/${reference}/ to be served`, async () => (await fetch(`${publisher.url}/avis/${reference}/`, { method: 'HEAD' })).status === 200 && Date.now(), POLL_MS);
      const indexing = (await status()).searchIndexing;
      duringSlowPath.push({ reference, freshnessMs: appeared - answered, indexerStillRunning: Boolean(indexing) });
      console.log(`  during the slow path ${index}/2: ${seconds(appeared - answered)} s (the indexer ${indexing ? 'still running' : 'done by then'})`);
    }
    const cpuUse = cpu.stop();
    const memory = holdingMemory.stop();
    const pages = readdirSync(join(temp.path, 'publisher', 'current'), { recursive: true }).filter((file) => String(file).endsWith('.html')).length;
    return {
      notices: size,
      runs,
      firstBuildMs: first.durationMs,
      htmlPages: pages,
      freshnessMs: stats(measured.map((sample) => sample.freshnessMs)),
      buildMs: stats(measured.map((sample) => sample.buildMs)),
      buildCpuMs: stats(measured.map((sample) => sample.buildCpuMs)),
      slowPathCpuMs: stats(measured.map((sample) => sample.slowPathCpuMs)),
      duringSlowPath,
      hubCpuMs: stats(measured.map((sample) => sample.hubCpuMs)),
      astroMs: stats(measured.map((sample) => sample.astroMs)),
      pagefindMs: stats(measured.map((sample) => sample.pagefindMs)),
      beforeBuildMs: stats(measured.map((sample) => sample.beforeBuildMs)),
      afterBuildMs: stats(measured.map((sample) => sample.afterBuildMs)),
      cpuCores: cpuUse,
      publisherPeakMiB: Math.round(memory.peakRssSumMiB),
      publisherPeakParts: memory.peakParts.map((part) => ({ ...part, rssMiB: Math.round(part.rssMiB) })),
      firstBuildPeakMiB: Math.round(firstBuildPeak.peakRssSumMiB),
      releaseKinds: [...new Set(measured.map((sample) => sample.release?.kind ?? 'build'))],
      routesRendered: stats(measured.map((sample) => sample.release?.routesRendered)),
      samples: measured,
    };
  } finally {
    for (const server of servers.reverse()) await stopServer(server, 30_000);
    temp.remove();
  }
}

/** A buyer of the agglomeration, created as an operator does, with the password the CLI prints once. */
async function createBuyer(dbPath) {
  const territory = JSON.parse(readFileSync(join(HUB_DIR, 'data/reference/territory.json'), 'utf8'));
  const email = 'mesure.fraicheur@bench.invalid';
  const { stdout } = await execFileAsync(
    process.execPath,
    [HUB_CLI, 'account', 'create', '--email', email, '--name', 'Mesure de fraîcheur', '--organisation', territory.agglomeration.siren, '--role', 'BUYER'],
    { env: hubEnv(dbPath) },
  );
  const password = /Password[^:]*: (\S+)/.exec(stdout)?.[1];
  if (!password) throw new Error(`account create printed no password:\n${stdout}`);
  return { email, password };
}

async function graphql(url, query, variables, token) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

async function login(url, email, password) {
  const data = await graphql(url, 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: password });
  return data.login.token;
}

async function createDraft(url, token, title) {
  const cpv = '45210000-2';
  const data = await graphql(
    url,
    'mutation($input: CreateNoticeInput!) { createNotice(input: $input) { reference } }',
    {
      input: {
        title,
        description: `${title} : avis publié par le banc de mesure.`,
        nature: 'WORKS',
        procedure: 'OPEN',
        mainCpv: cpv,
        submissionDeadline: new Date(Date.now() + 60 * DAY).toISOString(),
        buyerProfileUrl: 'https://marches.example/dracenie/consultation/mesure',
        contactEmail: 'commande.publique@bench.invalid',
        lots: [{ title: 'Lot unique', cpv }],
      },
    },
    token,
  );
  return data.createNotice.reference;
}

/** Publishes; resolves with the instant its answer arrived, where freshness starts. */
async function publish(url, token, reference) {
  await graphql(url, 'mutation($r: String!) { publishNotice(reference: $r) { reference } }', { r: reference }, token);
  return Date.now();
}

/** Polls `check` until it returns something truthy; bounded (a 10,000-notice build takes minutes on two cores). */
async function waitFor(what, check, intervalMs = 200, timeoutMs = timeLimitMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still waiting after ${timeoutMs / 60_000} min`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * CPU over the runs, in cores: ours (the hub, the publisher with the builds it ran and waited for, this process) and
 * every other program's. Other programs above about 0.2 core mean the machine was not quiet.
 */
function machineCpu(pids) {
  const snapshot = () => {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
    const total = user + nice + system + idle + iowait + irq + softirq + steal;
    // Every field, cutime and cstime included: the builds, once the publisher has waited for them. In jiffies.
    const ours = pids.reduce((sum, pid) => sum + cpuTimesMs(pid).reduce((a, b) => a + b, 0) / 10, 0);
    return { busy: total - idle - iowait, total, ours };
  };
  let start;
  try {
    start = snapshot();
  } catch {
    return { stop: () => null };
  }
  return {
    stop() {
      const end = snapshot();
      const elapsed = end.total - start.total;
      if (elapsed <= 0) return null;
      const cores = cpus().length;
      const machine = ((end.busy - start.busy) / elapsed) * cores;
      const ours = ((end.ours - start.ours) / elapsed) * cores;
      return { ours: round(ours, 2), otherProcesses: round(Math.max(0, machine - ours), 2) };
    },
  };
}

/** utime, stime, cutime, cstime of a process, in milliseconds (USER_HZ is 100 on every Linux the project runs on). */
function cpuTimesMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return rest.slice(11, 15).map((jiffies) => Number(jiffies) * 10);
}

const ownCpuMs = (pid) => cpuTimesMs(pid)[0] + cpuTimesMs(pid)[1];

/** A release of the site renderer: its render phases (read, routes, link, render, write, compress) as "Astro". */
function releasePhases(release) {
  const phases = release.phases ?? {};
  const search = phases.search ?? 0;
  const total = Object.values(phases).reduce((sum, ms) => sum + ms, 0);
  return { astroMs: total - search, pagefindMs: search };
}

/** Pids of `rootPid` and every live descendant. */
function processTree(rootPid) {
  const parents = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

/** CPU time of a process tree: each live process's own time and that of the children it waited for. */
function treeCpuMs(rootPid) {
  let total = 0;
  for (const pid of processTree(rootPid)) {
    try {
      total += cpuTimesMs(pid).reduce((a, b) => a + b, 0);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** The site build's own account of its phases: "done in 16.2 s (Astro 15.8 s, Pagefind 0.4 s, …)". */
function buildPhases(logFile) {
  const match = /done in [\d.]+ s(?: from the start signal \(started [\d.]+ s earlier\))? \(Astro ([\d.]+) s, (?:then )?Pagefind(?: and compression)? ([\d.]+) s/.exec(readFileSync(logFile, 'utf8'));
  return match ? { astroMs: Math.round(Number(match[1]) * 1000), pagefindMs: Math.round(Number(match[2]) * 1000) } : { astroMs: null, pagefindMs: null };
}

function stats(all) {
  const values = all.filter((value) => typeof value === 'number');
  if (values.length === 0) return { median: null, worst: null, best: null };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median: Math.round(median), worst: sorted.at(-1), best: sorted[0] };
}

function seconds(ms) {
  return typeof ms === 'number' ? (ms / 1000).toFixed(1) : 'n/a';
}

function round(value, digits) {
  return Number(value.toFixed(digits));
}

function printTable(results) {
  console.log('');
  console.table(
    results.sizes.map((size) => ({
      notices: size.notices,
      runs: size.runs,
      'freshness median s': seconds(size.freshnessMs.median),
      'freshness worst s': seconds(size.freshnessMs.worst),
      'build median s': seconds(size.buildMs.median),
      'build worst s': seconds(size.buildMs.worst),
      'build CPU median s': seconds(size.buildCpuMs.median),
      'slow path CPU median s': seconds(size.slowPathCpuMs?.median),
      'hub CPU median s': seconds(size.hubCpuMs.median),
      'Astro median s': seconds(size.astroMs.median),
      'before build median s': seconds(size.beforeBuildMs.median),
      'release': size.releaseKinds?.join('+') ?? 'n/a',
      'routes rendered median': size.routesRendered?.median ?? 'n/a',
      'first build s': seconds(size.firstBuildMs),
      'HTML pages': size.htmlPages,
      'first build peak MiB': size.firstBuildPeakMiB ?? 'n/a',
      'publisher peak MiB': size.publisherPeakMiB ?? 'n/a',
      'other cores': size.cpuCores?.otherProcesses ?? 'n/a',
    })),
  );
  const smallest = results.sizes[0];
  for (const size of results.sizes) {
    const within = size.freshnessMs.worst <= AIM_MS && size.freshnessMs.median <= MEDIAN_AIM_MS;
    console.log(
      `${size.notices} notices: median ${seconds(size.freshnessMs.median)} s, worst ${seconds(size.freshnessMs.worst)} s, ` +
        `${within ? 'within' : 'over'} the aims (median ${MEDIAN_AIM_MS / 1000} s, worst ${AIM_MS / 1000} s); ` +
        `${seconds(size.buildCpuMs.median)} CPU s per event` +
        (size !== smallest && smallest.freshnessMs.median
          ? `; freshness ratio to ${smallest.notices} notices: ${(size.freshnessMs.median / smallest.freshnessMs.median).toFixed(2)}`
          : ''),
    );
    if (size.publisherPeakParts) {
      const parts = size.publisherPeakParts.map((part) => `${part.label} ${part.rssMiB}`).join(', ');
      console.log(`  publisher peak after the first build ${size.publisherPeakMiB} MiB (its tree's RSS at one instant, MiB: ${parts}); during the first build ${size.firstBuildPeakMiB} MiB`);
    }
    if (size.cpuCores && size.cpuCores.otherProcesses > 0.2) {
      console.log(`  other programs used ${size.cpuCores.otherProcesses} cores meanwhile: the machine was not quiet, run it again`);
    }
  }
}
