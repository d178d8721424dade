import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort, REPO_ROOT } from '../../site/support/hub-process.js';
import { managedProcess, type ManagedProcess } from './child-process.js';
import { eventually, GiveUp } from './poll.js';

// The real hub through its own CLI, on a SQLite file of the test's, on a port that stays the same across restarts
// (the publisher's HUB_URL and the hub's own idea of where it is do not change when it comes back).

const HUB_CLI = path.join(REPO_ROOT, 'packages/hub/dist/cli/main.js');
const run = promisify(execFile);

export interface Hub {
  readonly baseUrl: string;
  readonly graphqlUrl: string;
  readonly process: ManagedProcess;
  /** Runs a CLI command on the same database (`migrate`, `seed`, `webhook subscribe`…); resolves with its stdout. */
  cli(args: string[]): Promise<string>;
  /** Starts `serve` and waits for /healthz. */
  start(): Promise<void>;
}

export async function createHub(dir: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<Hub> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:${path.join(dir, 'hub.sqlite')}`,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const serve = managedProcess('hub', [HUB_CLI, 'serve'], env);

  return {
    baseUrl,
    graphqlUrl: `${baseUrl}/graphql`,
    process: serve,
    async cli(args) {
      try {
        const { stdout } = await run(process.execPath, [HUB_CLI, ...args], { env, timeout: 120_000 });
        return stdout;
      } catch (error) {
        const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
        throw new Error(`hub ${args.join(' ')} failed:\n${stdout}${stderr}`, { cause: error });
      }
    },
    async start() {
      serve.start();
      await eventually('the hub to answer /healthz', async () => {
        if (!serve.running()) throw new GiveUp(`the hub exited:\n${serve.output()}`);
        return (await fetch(`${baseUrl}/healthz`)).ok;
      });
    },
  };
}
