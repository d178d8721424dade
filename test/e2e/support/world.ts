import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHub, type Hub } from './hub.js';
import { eventually } from '../../../packages/hub/src/test-support/eventually.js';
import { createPublisher, type Publisher } from './publisher.js';
import { ADMIN_EMAIL, BUYER_EMAIL, login, recentDeliveries, signCharterIfNeeded } from './staff.js';

/**
 * The product as `pnpm start` wires it, minus the demo secret: a hub seeded with the demo, and a publisher
 * subscribed to it with a real `whsec_` secret through the hub's CLI. The site is built by the first event.
 */
export interface World {
  hub: Hub;
  publisher: Publisher;
  buyerToken: string;
  adminToken: string;
  /** Resolves once the hub has no delivery left to send and the publisher has nothing left to do. */
  quiet(): Promise<void>;
  stop(): Promise<void>;
}

export async function startWorld(name: string, hubEnv: NodeJS.ProcessEnv = {}): Promise<World> {
  const dir = await mkdtemp(path.join(tmpdir(), `e2e-${name}-`));
  let hub: Hub | undefined;
  let publisher: Publisher | undefined;
  const stop = async () => {
    await publisher?.process.stop();
    await hub?.process.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    hub = await createHub(dir, hubEnv);
    await hub.cli(['migrate']);
    await hub.cli(['seed', '--demo']);
    // Started before the subscription, as in `pnpm start`: the demo's own history is not sent to the publisher.
    await hub.start();
    publisher = await createPublisher(path.join(dir, 'publisher'), hub.graphqlUrl);
    await hub.cli(['webhook', 'subscribe', '--url', publisher.webhookUrl, '--secret', publisher.secret]);
    // No --build-now: the first event makes the first build, which saves one build (seconds) per file.
    await publisher.start();

    const buyerToken = await login(hub.graphqlUrl, BUYER_EMAIL);
    await signCharterIfNeeded(hub.graphqlUrl, buyerToken);
    const adminToken = await login(hub.graphqlUrl, ADMIN_EMAIL);
    const ready = { hub, publisher };
    return {
      hub,
      publisher,
      buyerToken,
      adminToken,
      async quiet() {
        await eventually(
          async () => (await recentDeliveries(ready.hub.graphqlUrl, adminToken)).every((delivery) => delivery.status !== 'PENDING'),
          { what: 'the hub to have delivered every event', timeoutMs: 120_000 },
        );
        await ready.publisher.settled();
      },
      stop,
    };
  } catch (error) {
    const logs = `${hub?.process.output() ?? ''}\n${publisher?.process.output() ?? ''}`;
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logs}`, { cause: error });
  }
}
