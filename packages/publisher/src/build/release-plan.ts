/**
 * Which schedule a release takes, as a pure rule: an incremental release (the notices named by the events read
 * again, only the routes they move rendered) when the renderer is known to hold the data of the site online and
 * every event names a notice; otherwise a full build, with the reason.
 */

/**
 * What an event does to the public site, and so how the publisher follows it:
 * - `notice`: one notice changed (its page, the lists it is on, its buyers', family's and facets' pages, the feeds):
 *   an incremental release reads it again and renders what it moves;
 * - `slow`: only pages the slow path renders (the indicators, `/formations/`, `/deontologie/`): the slow path, now
 *   when nothing else waits, else within `PUBLISHER_SLOW_PATH_DELAY_MS` of the incremental release it joins;
 * - `full`: data on many pages no incremental step reads (a buyer's name, a group, the plan, imported notices): a
 *   full build.
 */
export type EventHandling = 'notice' | 'slow' | 'full';

/**
 * Every event type the hub emits (packages/hub/src/events/domain-events.ts; a test checks the two lists match), and
 * how the site follows it. A type missing here is unknown: a full build.
 */
export const EVENT_HANDLING: Readonly<Record<string, EventHandling>> = {
  'notice.published': 'notice',
  'notice.corrected': 'notice',
  'notice.cancelled': 'notice',
  'notice.closed': 'notice',
  'notice.awarded': 'notice',
  'lot.awarded': 'notice',
  'lot.unsuccessful': 'notice',
  // The order is shown on its framework agreement's page, with the amount consumed.
  'framework.ordered': 'notice',
  // A buyer's name and kind are on every page of its notices, its lists and feeds.
  'organisation.updated': 'full',
  // A group's subject, coordinator and members are on its notices' pages and its members' pages.
  'group.updated': 'full',
  'training.created': 'slow',
  'training.updated': 'slow',
  'training.session.created': 'slow',
  'training.session.updated': 'slow',
  'training.session.cancelled': 'slow',
  'charter.published': 'slow',
  'charter.signed': 'slow',
  // Imported notices and awards: any page.
  'opendata.imported': 'full',
  // The plan's pages, the first pages of buyers and families, the notices launched from it.
  'planned-purchase.published': 'full',
  'planned-purchase.updated': 'full',
  'planned-purchase.withdrawn': 'full',
  'planned-purchase.launched': 'full',
  // Advice requests show on the site only as the figures of « Conseil aux communes » on /indicateurs/.
  'advice.submitted': 'slow',
  'advice.assigned': 'slow',
  'advice.message': 'slow',
  'advice.answered': 'slow',
  'advice.closed': 'slow',
  'advice.reopened': 'slow',
  'advice.overdue': 'slow',
  'advice.published': 'slow',
};

/** Event types whose only effect on the public site is one notice (its page, and the lists it is on). */
export const NOTICE_EVENT_TYPES: ReadonlySet<string> = new Set(
  Object.entries(EVENT_HANDLING).flatMap(([type, handling]) => (handling === 'notice' ? [type] : [])),
);

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
  /** The search index the slow path prepared beside the renderer, for the next release to take (release-builder.ts). */
  searchIndex?: PreparedSearchIndex;
}

/** A search index made apart from the live release it indexes (site/scripts/search-index.mjs). */
export interface PreparedSearchIndex {
  /** The directory holding it (`pagefind/` inside). */
  dir: string;
  /** The release whose notice pages it indexes. */
  from: string;
  /** The full builds made before it started: one made since replaces it (a full build indexes everything itself). */
  generation: number;
  /**
   * The slow pages (indicators, open-data files…) rendered beside the releases with it (renderer.mjs
   * `prepare-slow`), for the slow-path release to move in instead of rendering them while events wait.
   */
  slowPages?: string;
}

export type ReleaseItem = PendingEvent | FullBuildRequest | SlowPathRequest;

export interface PlanState {
  /** True when the renderer holds the data of the release online (it built or updated it, and has not restarted). */
  rendererInStep: boolean;
  /** The sequence of the last event the release online covers, when known. */
  lastSequence: number | null;
  /**
   * Sequences of events the slow path follows beside the releases (events that change only its pages: no release of
   * their own), received but not yet counted in `lastSequence`: no gap.
   */
  handledBeside?: ReadonlySet<number>;
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
    sequence = withHandledBeside(sequence, state.handledBeside);
    // A number at or below the last one is a delivery sent again (its answer was lost): not a gap.
    if (event.sequence !== undefined && (sequence === null || event.sequence > sequence)) {
      if (sequence !== null && event.sequence !== sequence + 1) {
        return { kind: 'full', reason: `a gap in the hub's event sequence (${sequence} then ${event.sequence})` };
      }
      sequence = event.sequence;
    }
    const handling = Object.hasOwn(EVENT_HANDLING, event.type) ? EVENT_HANDLING[event.type] : undefined;
    if (handling === 'full') return { kind: 'full', reason: `a ${event.type} event changes pages no incremental step renders` };
    if (handling === undefined) return { kind: 'full', reason: `an event the incremental schedule does not know: ${event.type}` };
    if (handling === 'slow') continue;
    const reference = event.data.reference;
    if (typeof reference !== 'string' || !REFERENCE.test(reference)) {
      return { kind: 'full', reason: `a ${event.type} event without a usable notice reference` };
    }
    if (!references.includes(reference)) references.push(reference);
  }
  // Only slow-path events: the slow path now (an incremental release arms it for later).
  if (references.length === 0) return { kind: 'search' };
  return { kind: 'incremental', references };
}

/** The sequence a release covering `events` ends at (the highest seen, or the previous one). */
export function lastSequenceOf(items: readonly ReleaseItem[], previous: number | null): number | null {
  let last = previous;
  for (const item of items) if ('type' in item && item.sequence !== undefined) last = Math.max(last ?? item.sequence, item.sequence);
  return last;
}

/** `last`, moved past the events handled beside the releases that follow it without a gap (null stays null). */
export function withHandledBeside(last: number | null, handled: ReadonlySet<number> | undefined): number | null {
  if (last === null || !handled) return last;
  let sequence = last;
  while (handled.has(sequence + 1)) sequence += 1;
  return sequence;
}
