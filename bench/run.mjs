#!/usr/bin/env node
/**
 * Runs the project's benchmarks, each a named part: `node bench/run.mjs` runs them all, `node bench/run.mjs hub`
 * one. `pnpm bench` builds first; run.mjs alone expects built packages. See bench/README.md.
 */
import { parseArgs } from 'node:util';
import { exitCleanlyOnSignals } from './lib/cleanup.mjs';

const PARTS = {
  hub: () => import('./hub/notices.bench.mjs'),
  'hub-postgresql': () => import('./hub/postgresql.bench.mjs'),
  freshness: () => import('./freshness/freshness.bench.mjs'),
  site: () => import('./site/build.bench.mjs'),
  alerts: () => import('./alerts/alerts.bench.mjs'),
  import: () => import('./import/import.bench.mjs'),
};

/** No benchmark may run away: past this, everything is stopped and the run fails. */
const HARD_LIMIT_MS = 15 * 60_000;

const USAGE = `Usage: node bench/run.mjs [part…] [options]

Parts: ${Object.keys(PARTS).join(', ')} (default: all)

Options (hub):
  --notices N       notices to seed (10000)
  --duration S      seconds of measured load per server (15)
  --warmup S        seconds of warm-up load per server, not measured (3)
  --connections N   concurrent connections (10)
  --profile         run the hub under --cpu-prof and print where its time goes

Options (hub-postgresql): those of hub (but --profile), and
  --events N        outbox events delivered by 1 then 3 hubs (2000)

Options (freshness):
  --notices N[,N…]  sizes instead of 1000 and 10000
  --runs N          notices published and timed per size (5; 3 above 5,000 notices)

Options (site):
  --notices N[,N…]  sizes to build (1000,10000)

Options (import):
  --rows N[,N…]     DECP rows to import (10000,1000000)
  --buyers N        buyers the file names (60; a national file names tens of thousands)`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    notices: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    profile: { type: 'boolean', default: false },
    runs: { type: 'string' },
    rows: { type: 'string' },
    events: { type: 'string' },
    buyers: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const unknown = positionals.filter((name) => !(name in PARTS));
if (unknown.length) {
  console.error(`Unknown benchmark ${unknown.join(', ')}\n\n${USAGE}`);
  process.exit(2);
}

function whole(name, min, max) {
  if (values[name] === undefined) return undefined;
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max}`);
    process.exit(2);
  }
  return value;
}
/** \`--notices 1000,10000\`: several sizes, for the parts that measure more than one (site). */
function wholes(name, min, max) {
  if (!values[name]?.includes(',')) return undefined;
  return values[name].split(',').map((part) => {
    const value = Number(part);
    if (!Number.isInteger(value) || value < min || value > max) {
      console.error(`--${name} must be whole numbers from ${min} to ${max}, separated by commas`);
      process.exit(2);
    }
    return value;
  });
}
const sizes = wholes('notices', 50, 200_000);
const rows = values.rows?.split(',').map((part) => {
  const value = Number(part);
  if (!Number.isInteger(value) || value < 1 || value > 10_000_000) {
    console.error('--rows must be whole numbers from 1 to 10000000, separated by commas');
    process.exit(2);
  }
  return value;
});
const options = {
  notices: sizes ? undefined : whole('notices', 50, 200_000),
  sizes: rows ?? sizes,
  durationSeconds: whole('duration', 1, 120),
  warmupSeconds: whole('warmup', 0, 60),
  connections: whole('connections', 1, 100),
  profile: values.profile,
  runs: whole('runs', 1, 50),
  events: whole('events', 1, 1_000_000),
  buyers: whole('buyers', 1, 100_000),
};
for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];

exitCleanlyOnSignals();
const names = positionals.length ? positionals : Object.keys(PARTS);
const parts = await Promise.all(names.map((name) => PARTS[name]()));
// A part that needs longer (site builds of 10,000 notices take minutes each) says so with `timeLimitMs`.
const limitMs = parts.reduce((sum, part) => sum + (part.timeLimitMs ?? HARD_LIMIT_MS), 0);
const limit = setTimeout(() => {
  console.error(`Benchmarks still running after ${limitMs / 60_000} minutes: stopping`);
  process.exit(124);
}, limitMs);
limit.unref();

for (const [index, name] of names.entries()) {
  const part = parts[index];
  console.log(`\n=== ${name}: ${part.description} ===\n`);
  await part.run(options);
}
