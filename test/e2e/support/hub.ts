import path from 'node:path';
import { HUB_CLI, runHubCli } from '../../../packages/hub/src/test-support/hub-process.js';
import { freePort } from '../../site/support/hub-process.js';
import { managedProcess, type ManagedProcess } from './child-process.js';
import { eventually, GiveUp } from '../../../packages/hub/src/test-support/eventually.js';

// The real hub through its own CLI, on a SQLite file of the test's, on a port that stays the same across restarts
// (the publisher's HUB_URL and the hub's own idea of where it is do not change when it comes back). CLI commands go
// through the hub's test launcher; `serve` is a managed process the tests stop, kill, freeze and start again.

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
    cli: (args) => runHubCli(args, env),
    async start() {
      serve.start();
      await eventually(async () => {
        if (!serve.running()) throw new GiveUp(`the hub exited:\n${serve.output()}`);
        return (await fetch(`${baseUrl}/healthz`)).ok;
      }, { what: 'the hub to answer /healthz', timeoutMs: 60_000 });
    },
  };
}
