import {
  initialCoalescerState,
  step,
  type CoalescerEffect,
  type CoalescerInput,
  type CoalescerSettings,
  type CoalescerState,
} from './coalescer.js';
import type { ReleaseItem } from './release-plan.js';

/** Time as a parameter: production passes the real clock, tests a fake one they advance by hand. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Runs one build for the given reasons and events; resolves true on success. A rejection counts as a failure. */
export type RunBuild = (reasons: string[], items: ReleaseItem[]) => Promise<boolean>;

export interface SchedulerSnapshot {
  building: boolean;
  eventsWaiting: number;
  waitingReasons: string[];
  nextBuildAt: number | null;
  nextRetryAt: number | null;
  consecutiveFailures: number;
}

/** Drives the pure coalescer with a real (or fake) clock and the builder; at most one build runs at a time. */
export class BuildScheduler {
  private state: CoalescerState = initialCoalescerState;
  private timer: unknown = null;
  private timerAt: number | null = null;
  private waitingReasons: string[] = [];
  private waitingItems: ReleaseItem[] = [];
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly settings: CoalescerSettings,
    private readonly clock: Clock,
    private readonly runBuild: RunBuild,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /**
   * Something changed upstream (a webhook, a manual trigger): a build will follow. `item` says what, for the
   * incremental schedule (release-plan.ts); without one, the build that covers it is a full one.
   */
  notify(reason: string, item: ReleaseItem = { full: reason }): void {
    if (this.closed) return;
    this.waitingReasons.push(reason);
    this.waitingItems.push(item);
    this.dispatch({ type: 'event', at: this.clock.now() });
  }

  snapshot(): SchedulerSnapshot {
    const state = this.state;
    const waiting = state.kind === 'gathering' || state.kind === 'building' ? state.waiting : null;
    return {
      building: state.kind === 'building',
      eventsWaiting: waiting?.count ?? 0,
      waitingReasons: [...new Set(this.waitingReasons)],
      nextBuildAt: state.kind === 'gathering' ? this.timerAt : null,
      nextRetryAt: state.kind === 'backingOff' ? state.retryAt : null,
      consecutiveFailures: state.kind === 'idle' ? 0 : state.failures,
    };
  }

  /** Stops scheduling; resolves once the running build (if any) has ended. */
  async close(): Promise<void> {
    this.closed = true;
    this.disarm();
    await this.running;
  }

  private dispatch(input: CoalescerInput): void {
    const transition = step(this.state, input, this.settings);
    this.state = transition.state;
    for (const effect of transition.effects) this.apply(effect);
  }

  private apply(effect: CoalescerEffect): void {
    switch (effect.type) {
      case 'clearTimer':
        this.disarm();
        return;
      case 'setTimer':
        this.arm(effect.at);
        return;
      case 'startBuild':
        this.start();
        return;
    }
  }

  private arm(at: number): void {
    this.disarm();
    if (this.closed) return;
    this.timerAt = at;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = null;
        this.timerAt = null;
        this.dispatch({ type: 'timerFired', at: this.clock.now() });
      },
      Math.max(0, at - this.clock.now()),
    );
  }

  private disarm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = null;
  }

  private start(): void {
    if (this.closed) {
      this.state = initialCoalescerState;
      return;
    }
    // Every waiting event is covered by the build that starts now; later ones wait for the next.
    const reasons = this.waitingReasons.length > 0 ? [...new Set(this.waitingReasons)] : ['retry'];
    // A retry (nothing waiting) rebuilds everything: what the failed build covered is not known any more.
    const items = this.waitingItems.length > 0 ? this.waitingItems : [{ full: 'retry after a failed build' }];
    this.waitingReasons = [];
    this.waitingItems = [];
    this.running = this.runBuild(reasons, items)
      .catch((error: unknown) => {
        this.onError(error);
        return false;
      })
      .then((ok) => {
        this.running = null;
        this.dispatch({ type: 'buildFinished', at: this.clock.now(), ok });
      });
  }
}
