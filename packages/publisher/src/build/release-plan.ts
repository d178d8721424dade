/**
 * Which schedule a release takes, as a pure rule: an incremental release (the notices named by the events read
 * again, only the routes they move rendered) when the renderer is known to hold the data of the site online and
 * every event names a notice; otherwise a full build, with the reason.
 */

/** Event types whose only effect on the public site is one notice (its page, and the lists it is on). */
export const NOTICE_EVENT_TYPES: ReadonlySet<string> = new Set([
  'notice.published',
  'notice.corrected',
  'notice.cancelled',
  'notice.closed',
  'notice.awarded',
  'lot.awarded',
  'lot.unsuccessful',
  'framework.ordered',
]);

/** A verified webhook, as much of it as the plan needs. */
export interface PendingEvent {
  type: string;
  data: Record<string, unknown>;
  /** The hub's outbox sequence number, when the hub sends one. */
  sequence?: number;
}

/** A reason to build that is not an event: start-up, an operator's request, the periodic full build. */
export interface FullBuildRequest {
  full: string;
}

/** The slow path: the search index of the release online rebuilt, off the critical path of events. */
export interface SlowPathRequest {
  slow: string;
}

export type ReleaseItem = PendingEvent | FullBuildRequest | SlowPathRequest;

export interface PlanState {
  /** True when the renderer holds the data of the release online (it built or updated it, and has not restarted). */
  rendererInStep: boolean;
  /** The sequence of the last event the release online covers, when known. */
  lastSequence: number | null;
}

export type ReleasePlan =
  | { kind: 'incremental'; references: string[] }
  | { kind: 'full'; reason: string }
  | { kind: 'search' };

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

export function planRelease(items: readonly ReleaseItem[], state: PlanState): ReleasePlan {
  const asked = items.find((item): item is FullBuildRequest => 'full' in item);
  if (asked) return { kind: 'full', reason: asked.full };
  if (!state.rendererInStep) return { kind: 'full', reason: 'the renderer does not hold the data of the site online (start-up or restart)' };
  const events = items.filter((item): item is PendingEvent => 'type' in item);
  if (events.length === 0) {
    return items.length > 0 ? { kind: 'search' } : { kind: 'full', reason: 'a build with no event (a retry)' };
  }
  const references: string[] = [];
  let sequence = state.lastSequence;
  for (const event of [...events].sort((a, b) => (a.sequence ?? 0) - (b.sequence ?? 0))) {
    if (event.sequence !== undefined) {
      if (sequence !== null && event.sequence !== sequence + 1) {
        return { kind: 'full', reason: `a gap in the hub's event sequence (${sequence} then ${event.sequence})` };
      }
      sequence = event.sequence;
    }
    if (!NOTICE_EVENT_TYPES.has(event.type)) return { kind: 'full', reason: `an event the incremental schedule does not know: ${event.type}` };
    const reference = event.data.reference;
    if (typeof reference !== 'string' || !REFERENCE.test(reference)) {
      return { kind: 'full', reason: `a ${event.type} event without a usable notice reference` };
    }
    if (!references.includes(reference)) references.push(reference);
  }
  return { kind: 'incremental', references };
}

/** The sequence a release covering `events` ends at (the highest seen, or the previous one). */
export function lastSequenceOf(items: readonly ReleaseItem[], previous: number | null): number | null {
  let last = previous;
  for (const item of items) if ('type' in item && item.sequence !== undefined) last = Math.max(last ?? item.sequence, item.sequence);
  return last;
}
