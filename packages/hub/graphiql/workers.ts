// Monaco runs its language services in web workers. The build script bundles each one as its own file and gives
// their hashed names here, so the editor never fetches worker code from a CDN (GraphiQL's default for plain ESM).
declare const __GRAPHIQL_WORKERS__: { editor: string; graphql: string; json: string };

interface MonacoEnvironment {
  getWorker(workerId: string, label: string): Worker;
}

function workerFile(label: string): string {
  if (label === 'graphql') return __GRAPHIQL_WORKERS__.graphql;
  if (label === 'json') return __GRAPHIQL_WORKERS__.json;
  return __GRAPHIQL_WORKERS__.editor;
}

(globalThis as { MonacoEnvironment?: MonacoEnvironment }).MonacoEnvironment = {
  getWorker(_workerId, label) {
    // Relative to this bundle, so the page keeps working if the hub is mounted under a path prefix.
    return new Worker(new URL(workerFile(label), import.meta.url), { name: `monaco-${label}` });
  },
};
