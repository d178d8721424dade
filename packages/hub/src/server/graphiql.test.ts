import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
// Vite would resolve bare 'graphql' to its .mjs build while Apollo, loaded by Node, gets the CommonJS one: two
// graphql instances that reject each other's schema. Naming the CommonJS file shares Apollo's instance.
import { buildSchema } from 'graphql/index.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../test-support/chromium.js';
import { registerGraphiql, resolveGraphiqlAssetsDir } from './graphiql.route.js';

const hubDir = fileURLToPath(new URL('../../', import.meta.url));
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

const hasChromium = chromiumAvailable();

// A schema of the test's own, shaped like the hub's public `notices` query that the page runs by default.
const schema = buildSchema(`
  type Notice { reference: String! title: String! }
  type NoticeEdge { node: Notice! }
  type NoticeConnection { edges: [NoticeEdge!]! }
  type Query {
    notices(first: Int = 10): NoticeConnection!
    "The Authorization header the request carried, so a test can see what the header editor sent."
    authorization: String
  }
`);
const NOTICES = [
  { reference: '2025-DPV-014', title: 'Entretien des espaces verts de Draguignan' },
  { reference: '2025-DPV-015', title: 'Nettoyage des locaux communaux de Lorgues' },
];
interface TestContext {
  authorization?: string;
}
const rootValue = {
  notices: ({ first }: { first: number }) => ({ edges: NOTICES.slice(0, first).map((node) => ({ node })) }),
  authorization: (_args: unknown, context: TestContext) => context.authorization ?? null,
};

let app: FastifyInstance;
let baseUrl: string;

beforeAll(async () => {
  // The page is a build output; build it here when a fresh clone runs this file on its own.
  if (!existsSync(join(hubDir, 'dist', 'graphiql', 'index.html'))) {
    await promisify(execFile)(process.execPath, [join(hubDir, 'scripts', 'build-graphiql.mjs')], { cwd: hubDir });
  }
  app = Fastify();
  const apollo = new ApolloServer<TestContext>({
    schema,
    rootValue,
    plugins: [ApolloServerPluginLandingPageDisabled(), fastifyApolloDrainPlugin(app)],
  });
  await apollo.start();
  app.route({
    url: '/graphql',
    method: ['GET', 'POST', 'OPTIONS'],
    handler: fastifyApolloHandler(apollo, {
      context: async (request) => ({ authorization: request.headers.authorization }),
    }),
  });
  registerGraphiql(app, { assetsDir: resolveGraphiqlAssetsDir() });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  baseUrl = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await app?.close();
});

async function fetchPage(): Promise<string> {
  const response = await fetch(`${baseUrl}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
  return response.text();
}

function assetPaths(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/graphiql\/[^"]+)"/g)].map((match) => match[1] ?? '');
}

describe('the GraphiQL playground served by the hub', () => {
  it('answers a browser asking for /graphql with the French GraphiQL page', async () => {
    const response = await fetch(`${baseUrl}/graphql`, { headers: { accept: BROWSER_ACCEPT } });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await response.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toMatch(/<title>[^<]*explorateur de l’API GraphQL<\/title>/);
    expect(assetPaths(html)).toHaveLength(2);
  });

  it('leaves a GET /graphql carrying a query to Apollo, even from a browser', async () => {
    const response = await fetch(`${baseUrl}/graphql?query=${encodeURIComponent('{__typename}')}`, {
      headers: { accept: BROWSER_ACCEPT, 'apollo-require-preflight': 'true' },
    });

    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('leaves a GET /graphql from an API client to Apollo', async () => {
    const response = await fetch(`${baseUrl}/graphql`, { headers: { accept: 'application/json' } });

    expect(response.headers.get('content-type')).not.toMatch(/text\/html/);
    expect(response.status).toBe(400);
  });

  it('leaves POST /graphql to Apollo', async () => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { accept: BROWSER_ACCEPT, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ notices(first: 1) { edges { node { reference } } } }' }),
    });

    expect(await response.json()).toEqual({ data: { notices: { edges: [{ node: { reference: '2025-DPV-014' } }] } } });
  });

  it('serves every asset the page references with its content type and a long cache', async () => {
    const referenced = assetPaths(await fetchPage());
    expect(referenced.some((path) => path.endsWith('.js'))).toBe(true);
    expect(referenced.some((path) => path.endsWith('.css'))).toBe(true);
    // Lazy chunks and workers are referenced from inside the bundles: check every built file too.
    const built = readdirSync(resolveGraphiqlAssetsDir())
      .filter((name) => /\.(?:js|css)$/.test(name))
      .map((name) => `/graphiql/${name}`);
    expect(built.filter((path) => /\/(?:editor|graphql|json)\.worker-/.test(path))).toHaveLength(3);

    for (const path of new Set([...referenced, ...built])) {
      const response = await fetch(`${baseUrl}${path}`, { headers: { 'accept-encoding': 'identity' } });
      expect(response.status, path).toBe(200);
      const expectedType = path.endsWith('.css') ? /^text\/css/ : /^(?:text|application)\/javascript/;
      expect(response.headers.get('content-type'), path).toMatch(expectedType);
      expect(response.headers.get('cache-control'), path).toBe('public, max-age=31536000, immutable');
      await response.arrayBuffer();
    }
  });

  it('serves the bundles brotli-compressed to browsers that accept it', async () => {
    const script = assetPaths(await fetchPage()).find((path) => path.endsWith('.js'));
    const response = await fetch(`${baseUrl}${script}`, { headers: { 'accept-encoding': 'br, gzip' } });

    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    // fetch decodes it: the script must come out whole.
    expect((await response.text()).length).toBeGreaterThan(100_000);
  });
});

describe.skipIf(!hasChromium)('GraphiQL in a real browser', () => {
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // Every request the page or its workers make; the assertion below rejects any that leaves 127.0.0.1.
    context.on('request', (request) => requested.push(request.url()));
    context.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
    context.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    page = await context.newPage();
    page.on('worker', (worker) => requested.push(worker.url()));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      const text = message.text();
      // Monaco says this when MonacoEnvironment cannot start a worker and it falls back to the main thread.
      if (message.type() === 'error' || /web worker|Content Security Policy/i.test(text)) {
        problems.push(`console ${message.type()}: ${text}`);
      }
    });
    await page.goto(`${baseUrl}/graphql`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  const QUERY_EDITOR = '.graphiql-query-editor .monaco-editor';
  const HEADERS_EDITOR = '.graphiql-editor-tool .monaco-editor[data-uri$="request-headers.json"]';
  const RESPONSE = '.graphiql-response .monaco-editor';
  const editorText = (editor: string) =>
    page
      .locator(`${editor} .view-lines`)
      .first()
      .innerText()
      .then((text) => text.replace(/\u00a0/g, ' '))
      .catch(() => '');

  it('renders the editor with the public notices query first and the variables editor open for the example tabs', async () => {
    expect(await page.title()).toMatch(/explorateur de l’API GraphQL/);
    await expect.poll(() => editorText(QUERY_EDITOR), { timeout: 30_000 }).toContain('notices(first: 10)');
    expect(await page.locator('.graphiql-editor-tools button[data-name="variables"]').getAttribute('class')).toContain(
      'active',
    );
  });

  it('runs the default query and shows the notices in the response', async () => {
    await page.locator('.graphiql-execute-button').click();

    await expect
      .poll(() => editorText(RESPONSE), { timeout: 30_000 })
      .toContain('Entretien des espaces verts de Draguignan');
    if (process.env.GRAPHIQL_SCREENSHOT) await page.screenshot({ path: process.env.GRAPHIQL_SCREENSHOT });
  });

  it('sends the Authorization header a staff member pastes into the headers editor', async () => {
    await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
    await expect.poll(() => page.locator(HEADERS_EDITOR).isVisible()).toBe(true);
    await replaceEditorText(HEADERS_EDITOR, '{"Authorization": "Bearer jeton-de-test"}');
    await replaceEditorText(QUERY_EDITOR, 'query JetonAgent { authorization }');
    // GraphiQL reads the operation name a moment after an edit; its tab shows it once it has.
    await expect.poll(() => page.locator('.graphiql-tab-active').innerText()).toContain('JetonAgent');
    await page.locator('.graphiql-execute-button').click();

    await expect.poll(() => editorText(RESPONSE), { timeout: 30_000 }).toContain('Bearer jeton-de-test');
  });

  it('starts all three Monaco workers from the hub and never reaches beyond 127.0.0.1', async () => {
    const workersNotStarted = () =>
      ['editor', 'graphql', 'json'].filter((name) => !requested.some((url) => url.includes(`/${name}.worker-`)));
    await expect.poll(workersNotStarted, { timeout: 30_000 }).toEqual([]);

    const fromThisHub = (url: string) =>
      url.startsWith(`${baseUrl}/`) || url.startsWith(`blob:${baseUrl}/`) || url.startsWith('data:');
    expect(requested.filter((url) => !fromThisHub(url))).toEqual([]);
    expect(problems).toEqual([]);
  });

  async function replaceEditorText(editor: string, text: string): Promise<void> {
    await page.locator(editor).click();
    await page.keyboard.press('ControlOrMeta+A');
    // Cleared first: with text selected, Monaco would wrap the selection in the typed bracket.
    await page.keyboard.press('Backspace');
    // insertText, not type: typed brackets and quotes would be auto-closed by Monaco.
    await page.keyboard.insertText(text);
    await expect.poll(() => editorText(editor)).toBe(text);
  }
});
