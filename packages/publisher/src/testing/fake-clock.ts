import type { Clock } from '../build/scheduler.js';

/**
 * Test support: a clock that only moves when the test says so; timers fire in order of their due time. Tests that
 * must show that nothing happens after a while advance it past every delay instead of sleeping.
 */
export class FakeClock implements Clock {
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();

  /** `start`: the time it shows first, in ms since the epoch (0 by default; `Date.now()` where signatures are dated). */
  constructor(private time = 0) {}

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, delayMs: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + delayMs, callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  get armedTimers(): number {
    return this.timers.size;
  }

  /** Moves time forward, firing every timer that falls due on the way (and letting promises settle). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await flushPromises();
      const next = [...this.timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (next === undefined || next[1].at > end) break;
      this.timers.delete(next[0]);
      this.time = Math.max(this.time, next[1].at);
      next[1].callback();
    }
    this.time = end;
    await flushPromises();
  }
}

export async function flushPromises(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
