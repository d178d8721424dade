/**
 * The loop of a background worker over a queue in the database (the mail worker, the alert matcher, the webhook
 * dispatcher): a pass runs at once, then every `pollMs`, and whenever `wake()` is called (a commit that wrote to the
 * queue); passes never overlap; a pass that did something is followed by another at once, until one finds nothing.
 */
export interface PollingLoop {
  /** Runs a pass now rather than at the next poll (coalesced: one pending wake-up at a time). */
  wake(): void;
  /** Resolves once a pass finds nothing to do. */
  drain(): Promise<void>;
  /** Stops polling and waits for the pass under way to end. */
  stop(): Promise<void>;
  readonly stopped: boolean;
}

export interface PollingLoopOptions {
  pollMs: number;
  /** One pass; true when it did something, so another may find more. */
  pass(): Promise<boolean>;
  /** A pass that threw: logged by the caller; the loop tries again at the next poll. */
  onError(error: unknown): void;
  /** Called once the loop has stopped and the last pass ended (e.g. to close a transport). */
  onStopped?(): void | Promise<void>;
}

export function startPollingLoop(options: PollingLoopOptions): PollingLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let queued = false;
  let chain: Promise<unknown> = Promise.resolve();

  /** Passes never overlap: the poll, a wake-up and drain() all queue here. */
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = chain.then(task);
    chain = run.catch(() => undefined);
    return run;
  };

  const schedule = () => {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(wake, options.pollMs);
    timer.unref();
  };

  function wake(): void {
    if (stopped || queued) return;
    queued = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
    void exclusive(async () => {
      queued = false;
      try {
        while (!stopped && (await options.pass()));
      } catch (error) {
        options.onError(error);
      }
    }).finally(schedule);
  }

  wake();

  return {
    wake,
    async drain() {
      while (!stopped && (await exclusive(() => options.pass())));
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await chain;
      await options.onStopped?.();
    },
    get stopped() {
      return stopped;
    },
  };
}
