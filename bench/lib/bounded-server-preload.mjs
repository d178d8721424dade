/**
 * Preloaded in every server the benchmarks start (`node --import …/bounded-server-preload.mjs`): the server ends
 * itself if the benchmark that started it dies without stopping it (it is then adopted by another process), and in
 * any case after $BENCH_SERVER_LIFETIME_MS (10 minutes), so no server outlives a run.
 */
const parent = process.ppid;
const lifetimeMs = Number(process.env.BENCH_SERVER_LIFETIME_MS ?? 600_000);

const orphanCheck = setInterval(() => {
  if (process.ppid !== parent) {
    console.error('[bench] the benchmark that started this server is gone: exiting');
    process.exit(1);
  }
}, 1_000);
orphanCheck.unref();

const lifetime = setTimeout(() => {
  console.error(`[bench] server still running after ${lifetimeMs} ms: exiting`);
  process.exit(1);
}, lifetimeMs);
lifetime.unref();
