import { describe, expect, it } from 'vitest';
import { FakeClock, flushPromises } from '../testing/fake-clock.js';
import { BuildScheduler } from './scheduler.js';

/** A build the test finishes by hand, to hold it "running" for as long as a scenario needs. */
class ManualBuilds {
  readonly started: string[][] = [];
  private finishers: ((ok: boolean) => void)[] = [];

  readonly run = (reasons: string[]): Promise<boolean> => {
    this.started.push(reasons);
    return new Promise((resolve) => this.finishers.push(resolve));
  };

  get running(): number {
    return this.finishers.length;
  }

  async finish(ok: boolean): Promise<void> {
    const finisher = this.finishers.shift();
    if (!finisher) throw new Error('no build is running');
    finisher(ok);
    await flushPromises();
  }
}

const settings = { quietMs: 500, maxWaitMs: 5_000, retryBaseMs: 5_000, retryMaxMs: 300_000 };

function setup() {
  const clock = new FakeClock();
  const builds = new ManualBuilds();
  const scheduler = new BuildScheduler(settings, clock, builds.run);
  return { clock, builds, scheduler };
}

describe('build scheduler', () => {
  it('twenty events within a second cause a single build after the quiet period', async () => {
    const { clock, builds, scheduler } = setup();
    for (let i = 0; i < 20; i++) {
      scheduler.notify('notice.published');
      await clock.advance(50);
    }
    expect(builds.started).toHaveLength(0);
    expect(scheduler.snapshot().eventsWaiting).toBe(20);
    await clock.advance(500);
    expect(builds.started).toEqual([['notice.published']]);
    await builds.finish(true);
    await clock.advance(60_000);
    expect(builds.started).toHaveLength(1);
  });

  it('a steady stream of events still publishes at least every maximum wait', async () => {
    const { clock, builds, scheduler } = setup();
    for (let i = 0; i < 120; i++) {
      scheduler.notify('notice.updated');
      await clock.advance(100);
      if (builds.running > 0) await builds.finish(true);
    }
    // 12 s of events every 100 ms: builds at 5 s and 10 s, the rest is still gathering.
    expect(builds.started).toHaveLength(2);
  });

  it('events arriving during a build cause exactly one more build', async () => {
    const { clock, builds, scheduler } = setup();
    scheduler.notify('a');
    await clock.advance(500);
    expect(builds.running).toBe(1);
    scheduler.notify('b');
    scheduler.notify('c');
    await clock.advance(10_000);
    expect(builds.started).toHaveLength(1);
    await builds.finish(true);
    await clock.advance(60_000);
    expect(builds.started).toEqual([['a'], ['b', 'c']]);
    await builds.finish(true);
    await clock.advance(60_000);
    expect(builds.started).toHaveLength(2);
  });

  it('never runs two builds at once', async () => {
    const { clock, builds, scheduler } = setup();
    for (let i = 0; i < 100; i++) {
      scheduler.notify('burst');
      await clock.advance(250);
      expect(builds.running).toBeLessThanOrEqual(1);
    }
  });

  it('a failed build is retried with a doubling delay until it succeeds', async () => {
    const { clock, builds, scheduler } = setup();
    scheduler.notify('a');
    await clock.advance(500);
    await builds.finish(false);
    expect(scheduler.snapshot()).toMatchObject({ nextRetryAt: 5_500, consecutiveFailures: 1 });
    await clock.advance(4_999);
    expect(builds.started).toHaveLength(1);
    await clock.advance(1);
    expect(builds.started).toEqual([['a'], ['retry']]);
    await builds.finish(false);
    await clock.advance(9_999);
    expect(builds.started).toHaveLength(2);
    await clock.advance(1);
    expect(builds.started).toHaveLength(3);
    await builds.finish(true);
    expect(scheduler.snapshot()).toMatchObject({ nextRetryAt: null, consecutiveFailures: 0, building: false });
    await clock.advance(3_600_000);
    expect(builds.started).toHaveLength(3);
  });

  it('an event while backing off builds after the quiet period instead of waiting for the retry', async () => {
    const { clock, builds, scheduler } = setup();
    scheduler.notify('a');
    await clock.advance(500);
    await builds.finish(false);
    await clock.advance(1_000);
    scheduler.notify('b');
    await clock.advance(500);
    expect(builds.started).toEqual([['a'], ['b']]);
    expect(clock.now()).toBeLessThan(5_500);
  });

  it('a rejected build counts as a failure and is reported', async () => {
    const clock = new FakeClock();
    const errors: unknown[] = [];
    let calls = 0;
    const scheduler = new BuildScheduler(
      settings,
      clock,
      () => {
        calls++;
        return Promise.reject(new Error('boom'));
      },
      (error) => errors.push(error),
    );
    scheduler.notify('a');
    await clock.advance(500);
    expect(errors).toHaveLength(1);
    expect(scheduler.snapshot().consecutiveFailures).toBe(1);
    await clock.advance(5_000);
    expect(calls).toBe(2);
  });

  it('after close no timer stays armed and no build starts', async () => {
    const { clock, builds, scheduler } = setup();
    scheduler.notify('a');
    await scheduler.close();
    expect(clock.armedTimers).toBe(0);
    scheduler.notify('b');
    await clock.advance(60_000);
    expect(builds.started).toHaveLength(0);
  });

  it('close waits for the running build and starts no other', async () => {
    const { clock, builds, scheduler } = setup();
    scheduler.notify('a');
    await clock.advance(500);
    scheduler.notify('b');
    let closed = false;
    const closing = scheduler.close().then(() => (closed = true));
    await flushPromises();
    expect(closed).toBe(false);
    await builds.finish(true);
    await closing;
    await clock.advance(60_000);
    expect(builds.started).toHaveLength(1);
  });

  it('the snapshot tells when the next build is due and which events wait', async () => {
    const { clock, scheduler } = setup();
    scheduler.notify('notice.published');
    await clock.advance(100);
    scheduler.notify('notice.corrected');
    expect(scheduler.snapshot()).toEqual({
      building: false,
      eventsWaiting: 2,
      waitingReasons: ['notice.published', 'notice.corrected'],
      nextBuildAt: 600,
      nextRetryAt: null,
      consecutiveFailures: 0,
    });
  });
});
