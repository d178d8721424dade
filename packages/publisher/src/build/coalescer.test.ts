import { describe, expect, it } from 'vitest';
import {
  buildDueAt,
  retryDelay,
  step,
  UnexpectedCoalescerInputError,
  type CoalescerInput,
  type CoalescerSettings,
  type CoalescerState,
} from './coalescer.js';

const settings: CoalescerSettings = { quietMs: 500, maxWaitMs: 5_000, retryBaseMs: 5_000, retryMaxMs: 300_000 };
const T = 1_000_000;

const idle: CoalescerState = { kind: 'idle' };
const gathering: CoalescerState = { kind: 'gathering', waiting: { firstAt: T - 200, lastAt: T - 100, count: 2 }, failures: 0 };
const buildingClean: CoalescerState = { kind: 'building', waiting: null, failures: 0 };
const buildingWithWaiting: CoalescerState = {
  kind: 'building',
  waiting: { firstAt: T - 300, lastAt: T - 50, count: 3 },
  failures: 1,
};
const backingOff: CoalescerState = { kind: 'backingOff', retryAt: T + 10_000, failures: 2 };

const states = { idle, gathering, buildingClean, buildingWithWaiting, backingOff };
const inputs: Record<string, CoalescerInput> = {
  event: { type: 'event', at: T },
  timerFired: { type: 'timerFired', at: T },
  buildSucceeded: { type: 'buildFinished', at: T, ok: true },
  buildFailed: { type: 'buildFinished', at: T, ok: false },
};

// Every state × input pair, written out: what the machine must do, or that the pair is a caller bug.
const table: Record<keyof typeof states, Record<keyof typeof inputs, CoalescerState | 'throws'>> = {
  idle: {
    event: { kind: 'gathering', waiting: { firstAt: T, lastAt: T, count: 1 }, failures: 0 },
    timerFired: idle,
    buildSucceeded: 'throws',
    buildFailed: 'throws',
  },
  gathering: {
    event: { kind: 'gathering', waiting: { firstAt: T - 200, lastAt: T, count: 3 }, failures: 0 },
    timerFired: gathering,
    buildSucceeded: 'throws',
    buildFailed: 'throws',
  },
  buildingClean: {
    event: { kind: 'building', waiting: { firstAt: T, lastAt: T, count: 1 }, failures: 0 },
    timerFired: buildingClean,
    buildSucceeded: idle,
    buildFailed: { kind: 'backingOff', retryAt: T + 5_000, failures: 1 },
  },
  buildingWithWaiting: {
    event: { kind: 'building', waiting: { firstAt: T - 300, lastAt: T, count: 4 }, failures: 1 },
    timerFired: buildingWithWaiting,
    buildSucceeded: { kind: 'gathering', waiting: { firstAt: T - 300, lastAt: T - 50, count: 3 }, failures: 0 },
    buildFailed: { kind: 'gathering', waiting: { firstAt: T - 300, lastAt: T - 50, count: 3 }, failures: 2 },
  },
  backingOff: {
    event: { kind: 'gathering', waiting: { firstAt: T, lastAt: T, count: 1 }, failures: 2 },
    timerFired: backingOff,
    buildSucceeded: 'throws',
    buildFailed: 'throws',
  },
};

describe('coalescer transition table', () => {
  for (const [stateName, state] of Object.entries(states)) {
    for (const [inputName, input] of Object.entries(inputs)) {
      const expected = table[stateName as keyof typeof states][inputName];
      it(`${stateName} on ${inputName} ${expected === 'throws' ? 'is refused as a caller bug' : `becomes ${expected?.kind}`}`, () => {
        if (expected === 'throws') {
          expect(() => step(state, input, settings)).toThrow(UnexpectedCoalescerInputError);
        } else {
          expect(step(state, input, settings).state).toEqual(expected);
        }
      });
    }
  }
});

describe('coalescer effects', () => {
  it('a first event arms the timer for the end of the quiet period', () => {
    expect(step(idle, { type: 'event', at: T }, settings).effects).toEqual([{ type: 'setTimer', at: T + 500 }]);
  });

  it('each further event pushes the timer back by the quiet period', () => {
    expect(step(gathering, { type: 'event', at: T }, settings).effects).toEqual([{ type: 'setTimer', at: T + 500 }]);
  });

  it('events never push the build beyond the maximum wait after the first one', () => {
    const old: CoalescerState = { kind: 'gathering', waiting: { firstAt: T - 4_800, lastAt: T - 10, count: 40 }, failures: 0 };
    expect(step(old, { type: 'event', at: T }, settings).effects).toEqual([{ type: 'setTimer', at: T + 200 }]);
  });

  it('an event arriving past the maximum wait starts the build at once', () => {
    const overdue: CoalescerState = { kind: 'gathering', waiting: { firstAt: T - 6_000, lastAt: T - 10, count: 9 }, failures: 0 };
    expect(step(overdue, { type: 'event', at: T }, settings)).toEqual({
      state: { kind: 'building', waiting: null, failures: 0 },
      effects: [{ type: 'clearTimer' }, { type: 'startBuild' }],
    });
  });

  it('with no quiet period an event builds at once', () => {
    const eager = { ...settings, quietMs: 0 };
    expect(step(idle, { type: 'event', at: T }, eager).effects).toEqual([{ type: 'clearTimer' }, { type: 'startBuild' }]);
  });

  it('the timer firing at the end of the quiet period starts the build', () => {
    expect(step(gathering, { type: 'timerFired', at: T + 400 }, settings)).toEqual({
      state: { kind: 'building', waiting: null, failures: 0 },
      effects: [{ type: 'clearTimer' }, { type: 'startBuild' }],
    });
  });

  it('a timer firing early re-arms itself for the due time instead of building', () => {
    expect(step(gathering, { type: 'timerFired', at: T }, settings).effects).toEqual([{ type: 'setTimer', at: T + 400 }]);
  });

  it('events during a build wait without effects', () => {
    expect(step(buildingClean, { type: 'event', at: T }, settings).effects).toEqual([]);
  });

  it('a success with nothing waiting goes idle without effects', () => {
    expect(step(buildingClean, { type: 'buildFinished', at: T, ok: true }, settings).effects).toEqual([]);
  });

  it('a failure with nothing waiting arms the retry timer', () => {
    expect(step(buildingClean, { type: 'buildFinished', at: T, ok: false }, settings).effects).toEqual([
      { type: 'setTimer', at: T + 5_000 },
    ]);
  });

  it('events that waited through a build are built once their quiet period has passed', () => {
    const transition = step(buildingWithWaiting, { type: 'buildFinished', at: T, ok: true }, settings);
    expect(transition.effects).toEqual([{ type: 'setTimer', at: T + 450 }]);
  });

  it('events that waited through a build long enough are built right away', () => {
    const longWait: CoalescerState = { kind: 'building', waiting: { firstAt: T - 9_000, lastAt: T - 8_000, count: 5 }, failures: 0 };
    expect(step(longWait, { type: 'buildFinished', at: T, ok: true }, settings)).toEqual({
      state: { kind: 'building', waiting: null, failures: 0 },
      effects: [{ type: 'clearTimer' }, { type: 'startBuild' }],
    });
  });

  it('the retry timer firing starts a retry build that remembers the failures', () => {
    expect(step(backingOff, { type: 'timerFired', at: T + 10_000 }, settings)).toEqual({
      state: { kind: 'building', waiting: null, failures: 2 },
      effects: [{ type: 'clearTimer' }, { type: 'startBuild' }],
    });
  });

  it('a retry timer firing early re-arms itself', () => {
    expect(step(backingOff, { type: 'timerFired', at: T }, settings).effects).toEqual([{ type: 'setTimer', at: T + 10_000 }]);
  });

  it('an event while backing off replaces the retry with a build after the quiet period', () => {
    expect(step(backingOff, { type: 'event', at: T }, settings).effects).toEqual([{ type: 'setTimer', at: T + 500 }]);
  });

  it('a failed retry backs off twice as long', () => {
    const retrying: CoalescerState = { kind: 'building', waiting: null, failures: 2 };
    expect(step(retrying, { type: 'buildFinished', at: T, ok: false }, settings).state).toEqual({
      kind: 'backingOff',
      retryAt: T + 20_000,
      failures: 3,
    });
  });

  it('timers in idle and building states are stale and ignored', () => {
    expect(step(idle, { type: 'timerFired', at: T }, settings).effects).toEqual([]);
    expect(step(buildingClean, { type: 'timerFired', at: T }, settings).effects).toEqual([]);
  });
});

describe('build due time', () => {
  it('is the end of the quiet period after the last event when that comes first', () => {
    expect(buildDueAt({ firstAt: T, lastAt: T + 1_000, count: 5 }, settings)).toBe(T + 1_500);
  });

  it('is the maximum wait after the first event when events keep coming', () => {
    expect(buildDueAt({ firstAt: T, lastAt: T + 4_900, count: 50 }, settings)).toBe(T + 5_000);
  });
});

describe('retry delay', () => {
  it.each([
    [1, 5_000],
    [2, 10_000],
    [3, 20_000],
    [4, 40_000],
    [5, 80_000],
    [6, 160_000],
    [7, 300_000],
    [50, 300_000],
  ])('after %i consecutive failures is %i ms', (failures, delay) => {
    expect(retryDelay(failures, settings)).toBe(delay);
  });
});
