import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module of the site's build scripts, without declarations
import { createRequestQueue } from '../../site/scripts/lib/request-queue.mjs';

// The order in which the publisher's renderer (site/scripts/renderer.mjs) handles its requests: releases in turn, the
// slow path's pages beside them and giving way to them, so that a publication made while the slow pages render does
// not share the renderer's one thread with them. Driven with requests whose steps the test releases by hand.

interface Request {
  id: number;
  command: string;
}
interface Job {
  stopped(): boolean;
  giveWay(): Promise<void>;
  gaveWay(): { times: number; ms: number };
}

/** A promise the test settles by hand. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Lets every reaction already due run (promise callbacks, then one turn of the event loop): no timer involved. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/**
 * A queue whose requests log what they do: a release logs its start and end, its end waiting for `gates[id]`;
 * `prepare-slow` renders `steps` routes, giving way before each, each waiting for `gates['<id>.<step>']`.
 */
function harness({ steps = 3 } = {}) {
  const log: string[] = [];
  const answers: Record<string, unknown>[] = [];
  const gates = new Map<string, ReturnType<typeof gate>>();
  const gateOf = (key: string) => {
    if (!gates.has(key)) gates.set(key, gate());
    return gates.get(key)!;
  };
  const handle = async (request: Request, job: Job | undefined) => {
    if (request.command === 'prepare-slow') {
      for (let step = 1; step <= steps; step++) {
        await job!.giveWay();
        if (job!.stopped()) throw new Error('the slow path was stopped');
        log.push(`slow ${request.id} route ${step}`);
        await gateOf(`${request.id}.${step}`).promise;
      }
      return { ok: true, kind: 'prepare-slow', gaveWay: job!.gaveWay() };
    }
    if (request.command === 'broken') throw new Error('it broke');
    log.push(`${request.command} ${request.id} starts`);
    await gateOf(String(request.id)).promise;
    log.push(`${request.command} ${request.id} ends`);
    return { ok: true, kind: request.command };
  };
  const queue = createRequestQueue({
    handle,
    answer: (message: Record<string, unknown>) => answers.push(message),
    isSideJob: (request: Request) => request.command === 'prepare-slow',
  });
  return { log, answers, open: (key: string) => gateOf(key).open(), submit: (request: Request) => queue.submit(request), drained: () => queue.drained() };
}

describe('the renderer’s requests', () => {
  it('pauses the slow pages while a release is queued or under way, then resumes them where they stopped', async () => {
    const { log, answers, open, submit } = harness();
    submit({ id: 1, command: 'prepare-slow' });
    await settle();
    expect(log).toEqual(['slow 1 route 1']);

    // A publication arrives while the first slow route renders: it starts at once, and the next route waits for it.
    submit({ id: 2, command: 'notices' });
    await settle();
    open('1.1');
    await settle();
    expect(log).toEqual(['slow 1 route 1', 'notices 2 starts']);

    // Another one queued behind it: the slow pages wait for the queue to be empty, not just for the first.
    submit({ id: 3, command: 'notices' });
    open('2');
    await settle();
    expect(log).toEqual(['slow 1 route 1', 'notices 2 starts', 'notices 2 ends', 'notices 3 starts']);
    open('3');
    await settle();
    expect(log).toEqual(['slow 1 route 1', 'notices 2 starts', 'notices 2 ends', 'notices 3 starts', 'notices 3 ends', 'slow 1 route 2']);

    open('1.2');
    open('1.3');
    await settle();
    expect(answers.map((message) => message.id)).toEqual([2, 3, 1]);
    expect(answers[2]).toMatchObject({ ok: true, kind: 'prepare-slow', gaveWay: { times: 1 } });
  });

  it('starts the slow pages only once the releases queued before them are done', async () => {
    const { log, open, submit } = harness({ steps: 1 });
    submit({ id: 1, command: 'notices' });
    submit({ id: 2, command: 'prepare-slow' });
    await settle();
    expect(log).toEqual(['notices 1 starts']);
    open('1');
    await settle();
    expect(log).toEqual(['notices 1 starts', 'notices 1 ends', 'slow 2 route 1']);
  });

  it('stops the slow pages for a full build queued while they give way, instead of waiting for them for ever', async () => {
    const { log, answers, open, submit, drained } = harness();
    submit({ id: 1, command: 'prepare-slow' });
    await settle();
    submit({ id: 2, command: 'notices' });
    await settle();
    open('1.1');
    // The slow pages give way to the publication; a full build comes behind it.
    submit({ id: 3, command: 'full' });
    open('2');
    await settle();
    open('3');
    await drained();
    expect(log).toEqual(['slow 1 route 1', 'notices 2 starts', 'notices 2 ends', 'full 3 starts', 'full 3 ends']);
    expect(answers).toEqual([
      { id: 2, ok: true, kind: 'notices' },
      { id: 1, ok: false, error: 'the slow path was stopped' },
      { id: 3, ok: true, kind: 'full' },
    ]);
  });

  it('refuses a second slow job while one runs, and answers the releases after a request that failed', async () => {
    const { answers, open, submit, drained } = harness({ steps: 1 });
    submit({ id: 1, command: 'prepare-slow' });
    submit({ id: 2, command: 'prepare-slow' });
    expect(answers).toEqual([{ id: 2, ok: false, error: 'the slow path is already being prepared' }]);
    open('1.1');
    await drained();
    expect(answers.at(-1)).toMatchObject({ id: 1, ok: true, gaveWay: { times: 0, ms: 0 } });

    submit({ id: 3, command: 'broken' });
    submit({ id: 4, command: 'notices' });
    open('4');
    await drained();
    expect(answers.slice(-2)).toEqual([
      { id: 3, ok: false, error: 'it broke' },
      { id: 4, ok: true, kind: 'notices' },
    ]);
  });
});
