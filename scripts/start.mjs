#!/usr/bin/env node
// `pnpm start`: the whole product on one machine with demo data — the hub (GraphQL + GraphiQL) on embedded SQLite,
// the publisher subscribed to the hub's webhooks, and the public site it builds and serves.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEnvironment } from './start-env.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const hubCli = join(root, 'packages/hub/dist/cli/main.js');
const publisherCli = join(root, 'packages/publisher/dist/main.js');
/** The publisher's demo secret (packages/publisher: demo mode); never used outside the demo. */
const DEMO_WEBHOOK_SECRET = `whsec_${Buffer.from('territoire-achats-demo-secret-not-for-production').toString('base64')}`;

const env = startEnvironment(process.env, root);
// The publisher's /status details (build errors, paths) for whoever runs the demo; a new token at each start.
env.PUBLISHER_STATUS_TOKEN ??= randomBytes(24).toString('base64url');
if (env.NODE_ENV === 'production') {
  console.error('pnpm start runs the demo (shared demo passwords and webhook secret): not with NODE_ENV=production.');
  process.exit(1);
}
const hubUrl = `http://${env.HOST}:${env.PORT}`;
const publisherUrl = `http://127.0.0.1:${env.PUBLISHER_PORT}`;

for (const file of [hubCli, publisherCli]) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run \`pnpm build\` first (pnpm start does it).`);
    process.exit(1);
  }
}

function run(args) {
  const result = spawnSync(process.execPath, [hubCli, ...args], { env, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function waitFor(url, what, child) {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`${what} did not answer at ${url}`);
}

// The hub's demo accounts, from the hub itself (its entities need reflect-metadata loaded first).
const requireFromHub = createRequire(join(root, 'packages/hub/package.json'));
await import(pathToFileURL(requireFromHub.resolve('reflect-metadata')).href);
const { DEMO_PASSWORD, DEMO_STAFF } = await import(pathToFileURL(join(root, 'packages/hub/dist/seed/demo.seed.js')).href);
const { HUB_NODE_FLAGS } = await import(pathToFileURL(join(root, 'packages/hub/runtime-flags.mjs')).href);
const { getTerritory } = await import(pathToFileURL(join(root, 'packages/hub/dist/reference/territory.js')).href);
const territory = getTerritory();
const organisationName = (code) =>
  code === 'CAD' ? territory.agglomeration.name : (territory.communes.find((c) => c.inseeCode === code)?.name ?? code);

run(['migrate']);
run(['seed', '--demo']);

const children = [];
const start = (name, file, args, nodeFlags = []) => {
  const child = spawn(process.execPath, [...nodeFlags, file, ...args], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} stopped (${signal ?? code}); stopping everything.`);
      stop(1);
    }
  });
  children.push(child);
  return child;
};
let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

const hub = start('The hub', hubCli, ['serve'], HUB_NODE_FLAGS);
await waitFor(`${hubUrl}/healthz`, 'The hub', hub);
const subscribe = spawnSync(
  process.execPath,
  [hubCli, 'webhook', 'subscribe', '--url', `${publisherUrl}/webhooks`, '--secret', DEMO_WEBHOOK_SECRET],
  { env, stdio: 'inherit' },
);
if (subscribe.status !== 0) console.error('Could not subscribe the publisher to the hub: the site will not follow changes.');

const publisher = start('The publisher', publisherCli, ['serve', '--demo', '--build-now']);
await waitFor(`${publisherUrl}/healthz`, 'The publisher', publisher);

console.log(`
territoire-achats is running (demo data; Ctrl-C stops everything)

  Hub API and GraphiQL   ${hubUrl}/graphql
  Hub health             ${hubUrl}/healthz
  Public site            ${publisherUrl}/      (first build in progress: ${publisherUrl}/status)
  Publisher status       ${publisherUrl}/status   (details: curl -H 'Authorization: Bearer ${env.PUBLISHER_STATUS_TOKEN}' ${publisherUrl}/status)
  Mails (demo)           ${env.SMTP_URL.startsWith('file:') ? `written as .eml files in ${env.SMTP_URL.slice('file:'.length)}` : 'sent through SMTP_URL'}

Demo accounts (password for all: ${DEMO_PASSWORD}). Sign in from GraphiQL with
  mutation { login(email: "…", password: "${DEMO_PASSWORD}") { token } }
then set the header {"Authorization": "Bearer <token>"}:
${DEMO_STAFF.map((staff) => `  ${staff.email.padEnd(48)} ${staff.role.padEnd(7)} ${organisationName(staff.organisation)}`).join('\n')}
`);
