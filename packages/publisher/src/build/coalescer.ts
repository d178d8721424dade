/**
 * When to build, as a pure state machine: the caller feeds it inputs stamped with the time and carries out the
 * effects it returns (start a build, arm or disarm the single timer). No clock, no timer, no I/O here, so every
 * state × input pair is tested without waiting.
 */

export interface CoalescerSettings {
  /** A build starts once no event has arrived for this long… */
  quietMs: number;
  /** …or once the oldest waiting event is this old, so a steady stream still publishes. */
  maxWaitMs: number;
  /** First retry delay after a failed build; doubles with each further failure. */
  retryBaseMs: number;
  /** Upper bound of the retry delay. */
  retryMaxMs: number;
}

export const DEFAULT_RETRY = { retryBaseMs: 5_000, retryMaxMs: 300_000 } as const;

/** Events that arrived and are not yet covered by a started build. */
export interface WaitingEvents {
  firstAt: number;
  lastAt: number;
  count: number;
}

export type CoalescerState =
  | { kind: 'idle' }
  | { kind: 'gathering'; waiting: WaitingEvents; failures: number }
  | { kind: 'building'; waiting: WaitingEvents | null; failures: number }
  | { kind: 'backingOff'; retryAt: number; failures: number };

export type CoalescerInput =
  | { type: 'event'; at: number }
  | { type: 'timerFired'; at: number }
  | { type: 'buildFinished'; at: number; ok: boolean };

export type CoalescerEffect =
  | { type: 'startBuild' }
  /** Arms the single timer for this instant, replacing any armed one. */
  | { type: 'setTimer'; at: number }
  | { type: 'clearTimer' };

export interface Transition {
  state: CoalescerState;
  effects: CoalescerEffect[];
}

export const initialCoalescerState: CoalescerState = { kind: 'idle' };

export class UnexpectedCoalescerInputError extends Error {
  constructor(state: CoalescerState, input: CoalescerInput) {
    super(`coalescer received ${input.type} while ${state.kind}`);
    this.name = 'UnexpectedCoalescerInputError';
  }
}

export function retryDelay(failures: number, settings: CoalescerSettings): number {
  return Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, failures - 1));
}

/** When the waiting events should be built: after the quiet period, but never later than the maximum wait. */
export function buildDueAt(waiting: WaitingEvents, settings: CoalescerSettings): number {
  return Math.min(waiting.lastAt + settings.quietMs, waiting.firstAt + settings.maxWaitMs);
}

function addEvent(waiting: WaitingEvents | null, at: number): WaitingEvents {
  return waiting === null ? { firstAt: at, lastAt: at, count: 1 } : { ...waiting, lastAt: at, count: waiting.count + 1 };
}

const startBuild = (failures: number): Transition => ({
  state: { kind: 'building', waiting: null, failures },
  effects: [{ type: 'clearTimer' }, { type: 'startBuild' }],
});

function gather(waiting: WaitingEvents, failures: number, at: number, settings: CoalescerSettings): Transition {
  const dueAt = buildDueAt(waiting, settings);
  if (dueAt <= at) return startBuild(failures);
  return { state: { kind: 'gathering', waiting, failures }, effects: [{ type: 'setTimer', at: dueAt }] };
}

function unchanged(state: CoalescerState): Transition {
  return { state, effects: [] };
}

export function step(state: CoalescerState, input: CoalescerInput, settings: CoalescerSettings): Transition {
  switch (state.kind) {
    case 'idle':
      switch (input.type) {
        case 'event':
          return gather(addEvent(null, input.at), 0, input.at, settings);
        case 'timerFired':
          return unchanged(state);
        case 'buildFinished':
          throw new UnexpectedCoalescerInputError(state, input);
        default:
          return assertNever(input);
      }
    case 'gathering':
      switch (input.type) {
        case 'event':
          return gather(addEvent(state.waiting, input.at), state.failures, input.at, settings);
        case 'timerFired':
          return gather(state.waiting, state.failures, input.at, settings);
        case 'buildFinished':
          throw new UnexpectedCoalescerInputError(state, input);
        default:
          return assertNever(input);
      }
    case 'building':
      switch (input.type) {
        case 'event':
          return unchanged({ ...state, waiting: addEvent(state.waiting, input.at) });
        case 'timerFired':
          return unchanged(state);
        case 'buildFinished': {
          const failures = input.ok ? 0 : state.failures + 1;
          // Events that came in during the build were not in it: they earn exactly one more build.
          if (state.waiting !== null) return gather(state.waiting, failures, input.at, settings);
          if (input.ok) return unchanged({ kind: 'idle' });
          const retryAt = input.at + retryDelay(failures, settings);
          return { state: { kind: 'backingOff', retryAt, failures }, effects: [{ type: 'setTimer', at: retryAt }] };
        }
        default:
          return assertNever(input);
      }
    case 'backingOff':
      switch (input.type) {
        case 'event':
          // Fresh data is worth a build now rather than at the next retry.
          return gather(addEvent(null, input.at), state.failures, input.at, settings);
        case 'timerFired':
          if (input.at >= state.retryAt) return startBuild(state.failures);
          return { state, effects: [{ type: 'setTimer', at: state.retryAt }] };
        case 'buildFinished':
          throw new UnexpectedCoalescerInputError(state, input);
        default:
          return assertNever(input);
      }
    default:
      return assertNever(state);
  }
}

function assertNever(value: never): never {
  throw new Error(`unreachable: ${JSON.stringify(value)}`);
}
