// The Node.js flags the hub runs with, wherever it is started as a server: `pnpm start` (scripts/start.mjs),
// `pnpm hub` (root package.json, which repeats them: JSON cannot import), the benchmarks, and a production unit.
//
// --max-semi-space-size=64 (MiB; V8's default is 16): V8's young generation. One GraphQL answer of the public
// listing allocates about 2 MB (about 1,450 result fields, each an object graphql-js builds), so with ten requests
// in flight the default young generation fills after a handful of answers, and the objects of the requests still
// waiting on SQLite survive the scavenge and are copied, then promoted to the old generation, which is the costly
// part. With 64 MiB most of them die young. Measured with `node bench/run.mjs hub` on a quiet machine: 5.1 → 3.5 ms
// of CPU per answer, and a lower peak RSS (328 → 268 MiB). See BENCHMARKS.md.
export const HUB_NODE_FLAGS = ['--max-semi-space-size=64'];
