/**
 * A build started ahead of time. Starting Astro and compiling the site's code takes seconds that do not depend on
 * the data; the publisher saves them on the path from a publication to the served page by starting the next build
 * early, with `SITE_BUILD_START=stdin`: the build then compiles, and waits here, before its first read of the hub,
 * until a line arrives on its standard input. Without the variable the gate is open and the build reads at once.
 *
 * Every read of the hub the build makes awaits the gate — the loaders' requests through hub/build-client.ts, the
 * renderer's reads and open-data download after its own wait — so nothing the build publishes can be older than
 * the signal. The HTTP client (hub/client.ts) knows nothing of it. The gate lives on `globalThis` because Astro
 * loads this module twice: once with the configuration's integrations, once in the bundle of the pages.
 */
const GATE = Symbol.for('territoire-achats.site.build-gate');

/** `openedAt` (performance.now()) lets the build script report its times from the signal, not from its start. */
type Gate = { opened: Promise<void>; openedAt?: number; announced?: boolean; waiting: boolean };
type GlobalWithGate = typeof globalThis & { [GATE]?: Gate };

export const BUILD_START_VARIABLE = 'SITE_BUILD_START';

/**
 * Printed on standard error once the build has compiled and reaches the gate; the publisher reads it to know its
 * next build is ready (site/scripts/build.mjs and packages/publisher rely on these exact words).
 */
export const READY_LINE = '[site build] compiled; waiting for the start signal on standard input';

export interface GateInput {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  removeAllListeners(): unknown;
  resume(): unknown;
  destroy(): unknown;
}

/** Resolves at the first complete line on `input`; rejects if the input ends (the publisher went away) first. */
export function waitForStartLine(input: GateInput): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let received = '';
    const settle = (error?: Error) => {
      input.removeAllListeners();
      // Only one line is ever read: a pipe left open would keep the finished build from exiting.
      input.destroy();
      if (error) reject(error);
      else resolve();
    };
    input.on('data', (chunk) => {
      received += chunk.toString();
      if (received.includes('\n')) settle();
    });
    const ended = () => settle(new Error('the build was told to wait for a start signal, but its input closed first'));
    input.on('end', ended);
    input.on('close', ended);
    input.on('error', (error) => settle(error));
    input.resume();
  });
}

/**
 * The gate every read of the hub goes through: open unless `SITE_BUILD_START=stdin`. `announce` is for the reads
 * of the pages, which happen once the site is compiled: the first of them tells the publisher the build is ready.
 */
export function buildGate({ announce = false, env = process.env }: { announce?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<void> {
  const holder = globalThis as GlobalWithGate;
  if (!holder[GATE]) {
    const mode = env[BUILD_START_VARIABLE]?.trim();
    const gate: Gate = { opened: Promise.resolve(), waiting: false };
    if (mode === 'stdin') {
      gate.waiting = true;
      gate.opened = waitForStartLine(process.stdin).then(() => {
        gate.openedAt = performance.now();
        gate.waiting = false;
      });
    } else if (mode) {
      gate.opened = Promise.reject(new Error(`${BUILD_START_VARIABLE} must be "stdin" or unset, not "${mode}"`));
    }
    holder[GATE] = gate;
  }
  const gate = holder[GATE]!;
  if (announce && gate.waiting && !gate.announced) {
    gate.announced = true;
    process.stderr.write(`${READY_LINE}\n`);
  }
  return gate.opened;
}
