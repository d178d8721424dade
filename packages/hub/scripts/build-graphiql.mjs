// Bundles the GraphiQL playground (packages/hub/graphiql) into dist/graphiql, so the hub serves it with no CDN:
// index.html, the page's JS and CSS (plus lazily loaded chunks), and Monaco's three web workers as separate files.
// Every file but index.html carries a content hash, so the server may cache them forever.
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
import * as esbuild from 'esbuild';

const hubDir = dirname(dirname(fileURLToPath(import.meta.url)));
const sourceDir = join(hubDir, 'graphiql');
const finalDir = join(hubDir, 'dist', 'graphiql');
// Built aside, then swapped in: a concurrent build (or a server reading the old files) never sees half a bundle set.
const outDir = join(hubDir, 'dist', `.graphiql-${process.pid}`);

// Browsers staff are likely to use; Monaco itself needs nothing older.
const target = ['chrome111', 'edge111', 'firefox115', 'safari16.4'];
const production = { 'process.env.NODE_ENV': '"production"' };

// The workers must come from the very monaco-editor / monaco-graphql copies the page bundles (the hub does not
// depend on them directly), so resolve them through graphiql's own dependency chain.
const requireFromHub = createRequire(join(hubDir, 'package.json'));
const requireFromGraphiql = createRequire(requireFromHub.resolve('graphiql/package.json'));
const requireFromGraphiqlReact = createRequire(requireFromGraphiql.resolve('@graphiql/react/package.json'));
const workerEntries = {
  'editor.worker': requireFromGraphiqlReact.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
  'graphql.worker': requireFromGraphiqlReact.resolve('monaco-graphql/esm/graphql.worker.js'),
  'json.worker': requireFromGraphiqlReact.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
};

/** graphiql/style.css already holds Monaco's CSS (same Monaco version); the copies Monaco's modules import would
 * otherwise land in extra stylesheets, one per lazy chunk, that nothing loads, so they become empty modules. */
const monacoCssFromStyleSheet = {
  name: 'monaco-css-from-graphiql-stylesheet',
  setup(build) {
    build.onResolve({ filter: /\.css$/ }, (args) =>
      /[\\/]monaco-editor[\\/]/.test(args.importer) ? { path: args.path, namespace: 'monaco-css' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'monaco-css' }, () => ({ contents: '', loader: 'js' }));
  },
};

/** @graphiql/toolkit loads graphql-ws only for WebSocket subscriptions, which the hub does not offer. */
const graphqlWsStub = {
  name: 'graphql-ws-stub',
  setup(build) {
    build.onResolve({ filter: /^graphql-ws$/ }, () => ({ path: join(sourceDir, 'graphql-ws-stub.ts') }));
  },
};

function outputsByEntry(metafile) {
  const byEntry = new Map();
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (output.entryPoint) byEntry.set(output.entryPoint, { file: basename(file), css: output.cssBundle });
  }
  return byEntry;
}

function entryOutput(byEntry, entryPath) {
  const key = relative(hubDir, entryPath).split('\\').join('/');
  const found = byEntry.get(key);
  if (!found) throw new Error(`esbuild produced no output for ${key}`);
  return found;
}

async function buildWorkers() {
  const result = await esbuild.build({
    entryPoints: workerEntries,
    outdir: outDir,
    entryNames: '[name]-[hash]',
    bundle: true,
    format: 'iife',
    minify: true,
    target,
    define: production,
    legalComments: 'linked',
    metafile: true,
    absWorkingDir: hubDir,
    logLevel: 'warning',
  });
  const byEntry = outputsByEntry(result.metafile);
  return {
    editor: entryOutput(byEntry, workerEntries['editor.worker']).file,
    graphql: entryOutput(byEntry, workerEntries['graphql.worker']).file,
    json: entryOutput(byEntry, workerEntries['json.worker']).file,
  };
}

async function buildPage(workers) {
  const entry = join(sourceDir, 'main.tsx');
  const result = await esbuild.build({
    entryPoints: { main: entry },
    outdir: outDir,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    bundle: true,
    // Splitting keeps Monaco and prettier in chunks loaded once the page has rendered.
    splitting: true,
    format: 'esm',
    jsx: 'automatic',
    minify: true,
    target,
    define: { ...production, __GRAPHIQL_WORKERS__: JSON.stringify(workers) },
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file' },
    plugins: [monacoCssFromStyleSheet, graphqlWsStub],
    legalComments: 'linked',
    metafile: true,
    absWorkingDir: hubDir,
    logLevel: 'warning',
  });
  const main = entryOutput(outputsByEntry(result.metafile), entry);
  if (!main.css) throw new Error('esbuild produced no stylesheet for the GraphiQL page');
  // Monaco's own CSS imports are dropped above on the promise that graphiql/style.css carries it: check it does.
  const stylesheet = await readFile(join(outDir, basename(main.css)), 'utf8');
  if (!stylesheet.includes('.monaco-editor')) throw new Error('graphiql/style.css no longer carries Monaco CSS');
  return { js: main.file, css: basename(main.css) };
}

async function writeIndexHtml(page) {
  const template = await readFile(join(sourceDir, 'index.html'), 'utf8');
  const html = template.replace('%GRAPHIQL_JS%', `/graphiql/${page.js}`).replace('%GRAPHIQL_CSS%', `/graphiql/${page.css}`);
  if (html.includes('%GRAPHIQL_')) throw new Error('graphiql/index.html has a placeholder the build does not fill');
  await writeFile(join(outDir, 'index.html'), html);
}

/** No resource may leave the hub: fail the build if a stylesheet points at another origin for a font or image. */
async function assertNoRemoteResources(files) {
  const remote = /url\(\s*['"]?(?:https?:)?\/\/|@import\s+['"]?(?:https?:)?\/\//i;
  for (const file of files.filter((name) => name.endsWith('.css'))) {
    const match = (await readFile(join(outDir, file), 'utf8')).match(remote);
    if (match) throw new Error(`${file} loads a remote resource (${match[0]}…)`);
  }
}

// Served by @fastify/static's preCompressed option: Monaco is large and the hub may face clients directly.
async function precompress(files) {
  const brotli = promisify(brotliCompress);
  const gz = promisify(gzip);
  const compressible = files.filter((name) => /\.(?:js|css|txt)$/.test(name));
  await Promise.all(
    compressible.map(async (name) => {
      const path = join(outDir, name);
      const content = await readFile(path);
      if (content.length < 1024) return;
      const [br, gzipped] = await Promise.all([
        brotli(content, { params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: content.length } }),
        gz(content, { level: 9 }),
      ]);
      await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gzipped)]);
    }),
  );
}

async function report(files, page, workers) {
  const sizeOf = async (name) => {
    try {
      return (await stat(join(finalDir, name))).size;
    } catch {
      return 0;
    }
  };
  const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  const chunks = files.filter((name) => name.startsWith('chunk-') && name.endsWith('.js'));
  const rows = [
    ['page script', [page.js]],
    ['stylesheet', [page.css]],
    [`lazy chunks (${chunks.length})`, chunks],
    ['editor worker', [workers.editor]],
    ['GraphQL worker', [workers.graphql]],
    ['JSON worker', [workers.json]],
  ];
  const lines = [];
  for (const [label, names] of rows) {
    let raw = 0;
    let brotli = 0;
    for (const name of names) {
      const size = await sizeOf(name);
      raw += size;
      brotli += (await sizeOf(`${name}.br`)) || size;
    }
    lines.push(`  ${label.padEnd(20)} ${kib(raw).padStart(9)}   brotli ${kib(brotli).padStart(9)}`);
  }
  console.log(`GraphiQL built into ${relative(process.cwd(), finalDir)}:\n${lines.join('\n')}`);
}

async function swapIntoPlace() {
  const previous = `${outDir}-previous`;
  await rename(finalDir, previous).catch((error) => {
    if (error.code !== 'ENOENT') throw error;
  });
  await rename(outDir, finalDir);
  await rm(previous, { recursive: true, force: true });
}

const started = Date.now();
await mkdir(outDir, { recursive: true });
try {
  const workers = await buildWorkers();
  const page = await buildPage(workers);
  await writeIndexHtml(page);
  const files = await readdir(outDir);
  await assertNoRemoteResources(files);
  await precompress(files);
  await swapIntoPlace();
  await report(files, page, workers);
} finally {
  await rm(outDir, { recursive: true, force: true });
}
console.log(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
