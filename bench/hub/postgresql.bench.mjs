import { randomUUID } from 'node:crypto';
import { deepStrictEqual } from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '../lib/cleanup.mjs';
import { measureCpu } from '../lib/cpu-usage.mjs';
import { runLoad } from '../lib/load.mjs';
import { readRss, sampleRss } from '../lib/memory.mjs';
import { HUB_CLI, RESULTS_DIR } from '../lib/paths.mjs';
import { startServer, stopServer } from '../lib/processes.mjs';
import { gitCommit, machine } from '../lib/run-info.mjs';
import { HUB_NODE_FLAGS } from '../../packages/hub/runtime-flags.mjs';
import { seedNotices } from '../seed-notices.mjs';
import { checkPage } from './notices.bench.mjs';
import { NOTICES_QUERY, REQUEST } from './notices-query.mjs';
import { copyToPostgreSql, loadPg, runHubCliOn, startBenchPostgreSql } from './postgresql.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const BASELINE_SERVER = join(HERE, 'baseline-server.mjs');
const RESULTS_FILE = join(RESULTS_DIR, 'hub-postgresql.json');
const READY = /listening on (http:\/\/\S+?)\/graphql/;
/** Webhook endpoints of the outbox runs: one dispatcher sends to an endpoint at a time (its lease), so hubs share endpoints. */
const ENDPOINTS = 3;
const SECRET = `whsec_${Buffer.alloc(32, 11).toString('base64')}`;

export const description = 'the hub on PostgreSQL: the public listing against pg + hand-written SQL, 1 hub against 2 hubs round robin, outbox throughput with 1 and 3 hubs';
export const timeLimitMs = 30 * 60_000;

/**
 * Seeds a SQLite file as the `hub` benchmark does, moves it to a throwaway PostgreSQL cluster made durable
 * (`hub copy-database`), then measures, one after the other: the listing on one hub and on the baseline (`pg` and
 * hand-written SQL; same first page required), the listing on two hubs behind a round-robin client, and the outbox
 * (events written in one transaction, delivered to a local receiver by one hub, then by three). Options: notices,
 * durationSeconds, warmupSeconds, connections, events.
 */
export async function run({ notices = 10_000, durationSeconds = 15, warmupSeconds = 3, connections = 10, events = 2_000 } = {}) {
  const temp = makeTempDir('territoire-bench-hub-pg-');
  let cluster;
  try {
    const dbPath = join(temp.path, 'hub.sqlite');
    console.log(`Seeding ${notices} published notices (3 lots each) in ${dbPath}…`);
    const seeded = await seedNotices(dbPath, notices);
    cluster = await startBenchPostgreSql();
    console.log(`${cluster.version}: a throwaway cluster, fsync and synchronous_commit on`);
    const listingUrl = await cluster.createDatabase('bench_listing');
    const copyStarted = performance.now();
    await copyToPostgreSql(dbPath, listingUrl);
    const copyMs = Math.round(performance.now() - copyStarted);
    console.log(`  copied to PostgreSQL in ${(copyMs / 1000).toFixed(1)} s`);

    const load = { connections, durationSeconds, warmupSeconds };
    const hubServer = (index) => ({ name: `hub ${index + 1}`, args: [HUB_CLI, 'serve'], env: postgresqlHubEnv(listingUrl), ready: READY, nodeArgs: HUB_NODE_FLAGS });
    const oneHub = await measure('1 hub', [hubServer(0)], load, (body) => checkPage(body, notices));
    const baseline = await measure(
      'baseline',
      [{ name: 'baseline', args: [BASELINE_SERVER, listingUrl], env: { ...process.env }, ready: READY, nodeArgs: HUB_NODE_FLAGS }],
      load,
      (body) => sameAnswer(body, oneHub.firstResponse, 'The baseline'),
    );
    const twoHubs = await measure('2 hubs', [hubServer(0), hubServer(1)], load, (body) => sameAnswer(body, oneHub.firstResponse, 'The second setup'));

    const outbox = [];
    for (const hubs of [1, 3]) outbox.push(await outboxThroughput(cluster, hubs, events));

    const results = {
      benchmark: 'hub-postgresql',
      date: new Date().toISOString(),
      commit: gitCommit(['packages/hub']),
      machine: machine({ postgresql: cluster.version }),
      data: { notices: seeded.notices, lots: seeded.lots, copyMs },
      query: NOTICES_QUERY,
      load,
      listing: { oneHub: summary(oneHub), baseline: summary(baseline), twoHubs: summary(twoHubs) },
      ratio: oneHub.load.requestsPerSecond / baseline.load.requestsPerSecond,
      twoHubsOverOne: twoHubs.load.requestsPerSecond / oneHub.load.requestsPerSecond,
      outbox,
    };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    printTables(results);
    console.log(`Results written to ${RESULTS_FILE}`);
    return results;
  } finally {
    await cluster?.stop();
    temp.remove();
  }
}

/** A hub as deployed, on the PostgreSQL database. */
function postgresqlHubEnv(databaseUrl, extra = {}) {
  return { ...process.env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production', ...extra };
}

function sameAnswer(body, expected, who) {
  try {
    deepStrictEqual(body, expected);
  } catch (error) {
    throw new Error(`${who}'s answer differs from the hub's for the same page:\n${error.message}`);
  }
}

/**
 * Starts the servers, checks each one's first answer, warms them up, loads them together (autocannon spreads its
 * connections over their URLs in turn: a round-robin client), then stops them. CPU is the servers' together.
 */
async function measure(name, servers, { connections, durationSeconds, warmupSeconds }, checkFirst) {
  console.log(`\n${name}: starting`);
  const started = [];
  try {
    for (const server of servers) started.push(await startServer(server));
    const urls = started.map((server) => new URL(REQUEST.path, server.url).href);
    let firstResponse;
    for (const url of urls) {
      firstResponse = await firstAnswer(url, name);
      checkFirst(firstResponse);
    }
    const request = { url: urls.length === 1 ? urls[0] : urls, method: REQUEST.method, headers: REQUEST.headers, body: REQUEST.body, connections };
    if (warmupSeconds > 0) await runLoad({ ...request, durationSeconds: warmupSeconds, label: `${name} warm-up` });
    console.log(`${name}: ${connections} connections for ${durationSeconds} s`);
    const rss = started.map((server) => sampleRss(server.pid));
    const idle = started.map((server) => readRss(server.pid).rssMiB);
    const cpu = measureCpu([...started.map((server) => server.pid), process.pid]);
    const load = await runLoad({ ...request, durationSeconds, label: name });
    const memory = rss.map((sampler) => sampler.stop());
    return { name, firstResponse, load, memory, idle, cpu: cpu.stop(), servers: started.length };
  } finally {
    for (const server of started) await stopServer(server);
  }
}

async function firstAnswer(url, name) {
  const response = await fetch(url, { method: REQUEST.method, headers: REQUEST.headers, body: REQUEST.body, signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${name} answered ${response.status}: ${text.slice(0, 2000)}`);
  return JSON.parse(text);
}

function summary({ load, memory, idle, cpu, servers }) {
  const serverMs = cpu ? cpu.processMs.slice(0, servers).reduce((sum, value) => sum + value, 0) : null;
  return {
    servers,
    requests: load.requests,
    seconds: load.seconds,
    requestsPerSecond: round(load.requestsPerSecond, 1),
    latencyMs: load.latencyMs,
    idleRssMiB: idle.map((value) => round(value, 1)),
    vmHwmMiB: memory.map((value) => round(value.vmHwmMiB, 1)),
    // The servers' CPU per answer (PostgreSQL's own work is in "other cores": it is another process).
    serverCpuMsPerRequest: serverMs === null ? null : round(serverMs / load.requests, 2),
    cpuCores: cpu && {
      servers: round(cpu.processes.slice(0, servers).reduce((sum, value) => sum + value, 0), 2),
      loadGenerator: round(cpu.processes[servers], 2),
      otherProcesses: round(cpu.others, 2),
    },
  };
}

/**
 * Outbox throughput: a fresh database with ENDPOINTS webhook endpoints on a local receiver and `hubs` idle hubs;
 * `events` outbox events written in one transaction (and announced with NOTIFY, as the hub's own commits are), then
 * timed until the receiver has every delivery (events × endpoints). Each webhook-id is counted once; a repeat fails
 * the run (no hub dies here, so none may occur).
 */
async function outboxThroughput(cluster, hubs, events) {
  const label = `outbox, ${hubs} hub${hubs > 1 ? 's' : ''}`;
  console.log(`\n${label}: ${events} events to ${ENDPOINTS} endpoints`);
  const databaseUrl = await cluster.createDatabase(`bench_outbox_${hubs}`);
  await runHubCliOn(databaseUrl, ['migrate']);
  const receiver = await startCountingReceiver();
  const started = [];
  try {
    for (let index = 1; index <= ENDPOINTS; index++) {
      await runHubCliOn(databaseUrl, ['webhook', 'subscribe', '--url', `${receiver.url}/endpoint-${index}`, '--secret', SECRET]);
    }
    for (let index = 0; index < hubs; index++) {
      started.push(await startServer({ name: `hub ${index + 1}`, args: [HUB_CLI, 'serve'], env: postgresqlHubEnv(databaseUrl), ready: READY, nodeArgs: HUB_NODE_FLAGS }));
    }
    const cpu = measureCpu([...started.map((server) => server.pid), process.pid]);
    const written = await writeEvents(databaseUrl, events);
    const expected = events * ENDPOINTS;
    const deadline = Date.now() + 20 * 60_000;
    while (receiver.unique() < expected) {
      if (Date.now() > deadline) throw new Error(`${label}: ${receiver.unique()} of ${expected} deliveries after 20 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (receiver.lastAt() - written) / 1000;
    const cpuUse = cpu.stop();
    if (receiver.repeats() > 0) throw new Error(`${label}: ${receiver.repeats()} webhook-ids received twice`);
    const result = {
      hubs,
      endpoints: ENDPOINTS,
      events,
      deliveries: expected,
      seconds: round(seconds, 2),
      deliveriesPerSecond: round(expected / seconds, 1),
      eventsPerSecond: round(events / seconds, 1),
      cpuCores: cpuUse && {
        hubs: round(cpuUse.processes.slice(0, hubs).reduce((sum, value) => sum + value, 0), 2),
        benchAndReceiver: round(cpuUse.processes[hubs], 2),
        otherProcesses: round(cpuUse.others, 2),
      },
    };
    console.log(`${label}: ${expected} deliveries in ${result.seconds} s`);
    return result;
  } finally {
    for (const server of started) await stopServer(server);
    await receiver.close();
  }
}

/** Writes `count` outbox events in one transaction, then NOTIFY; resolves with the instant of the commit (ms). */
async function writeEvents(databaseUrl, count) {
  const client = new (loadPg().Client)({ connectionString: databaseUrl });
  await client.connect();
  try {
    const now = new Date();
    const ids = Array.from({ length: count }, () => randomUUID());
    await client.query('begin');
    // An event no alert or publisher rule acts on: the run measures the outbox, not what a receiver does with it.
    await client.query(
      `insert into outbox_event (id, created_at, updated_at, type, payload, occurred_at, dispatched_at)
       select t.id, $2, $2, 'training.updated', jsonb_build_object('slug', 'bench-' || t.n), $2::timestamptz + t.n * interval '1 microsecond', null
       from unnest($1::varchar[]) with ordinality as t(id, n)`,
      [ids, now],
    );
    await client.query('commit');
    const committed = performance.timeOrigin + performance.now();
    await client.query(`select pg_notify('territoire_achats_outbox', 'bench')`);
    return committed;
  } finally {
    await client.end();
  }
}

/** A local receiver answering 204 at once, counting each webhook-id once and the time of the last new one. */
async function startCountingReceiver() {
  const seen = new Set();
  let repeats = 0;
  let lastAt = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const id = `${request.url} ${request.headers['webhook-id']}`;
      if (seen.has(id)) repeats += 1;
      else {
        seen.add(id);
        lastAt = performance.timeOrigin + performance.now();
      }
      response.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    unique: () => seen.size,
    repeats: () => repeats,
    lastAt: () => lastAt,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function round(value, digits) {
  return Number(value.toFixed(digits));
}

function printTables(results) {
  const row = (name, r) => ({
    setup: name,
    'req/s': r.requestsPerSecond,
    'p50 ms': r.latencyMs.p50,
    'p99 ms': r.latencyMs.p99,
    requests: r.requests,
    'CPU ms/req (servers)': r.serverCpuMsPerRequest,
    'server cores': r.cpuCores?.servers,
    'autocannon cores': r.cpuCores?.loadGenerator,
    'other cores (PostgreSQL included)': r.cpuCores?.otherProcesses,
  });
  const { listing } = results;
  console.log(`\n${results.data.notices} notices on ${results.machine.postgresql}, ${results.load.connections} connections, ${results.load.durationSeconds} s each, Node ${results.machine.node}, ${results.machine.cpus} CPUs`);
  console.table([row('1 hub', listing.oneHub), row('baseline (pg + SQL)', listing.baseline), row('2 hubs, round robin', listing.twoHubs)]);
  console.log(`hub / baseline = ${(results.ratio * 100).toFixed(1)} %; 2 hubs / 1 hub = ${results.twoHubsOverOne.toFixed(2)}×`);
  console.table(
    results.outbox.map((r) => ({
      hubs: r.hubs,
      events: r.events,
      endpoints: r.endpoints,
      's': r.seconds,
      'deliveries/s': r.deliveriesPerSecond,
      'events/s': r.eventsPerSecond,
      'hub cores': r.cpuCores?.hubs,
      'other cores (PostgreSQL included)': r.cpuCores?.otherProcesses,
    })),
  );
  console.log('PostgreSQL runs on the same machine: its CPU is in "other cores", with whatever else ran. On a machine with other work, the figures are noisy.');
}
