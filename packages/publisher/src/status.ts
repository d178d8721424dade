import type { BuildRecord, BuildResult } from './build/builder.js';
import type { SchedulerSnapshot } from './build/scheduler.js';
import type { LeftOutSection } from './build/site-report.js';

export interface FailureRecord extends BuildRecord {
  reason: string;
  /** The last lines the build wrote on stderr. */
  stderrTail: string;
}

export interface RunningBuild {
  id: string;
  startedAt: string;
  reasons: string[];
}

/** What `GET /status` answers the operator (with the status token): everything, stderr included. */
export interface PublisherStatus {
  /** The build online now. */
  current: BuildRecord | null;
  /** What the build online now left out of the site (pages with a notice instead of their figures), and why. */
  leftOut: LeftOutSection[];
  running: RunningBuild | null;
  building: boolean;
  lastSuccess: BuildRecord | null;
  lastFailure: FailureRecord | null;
  consecutiveFailures: number;
  eventsWaiting: number;
  waitingReasons: string[];
  nextBuildAt: string | null;
  nextRetryAt: string | null;
  /**
   * `searchReleases`: releases of the slow path (search index, indicators, open data after incremental releases),
   * not counted in `buildsSucceeded`, which counts the releases that events and requests asked for.
   */
  totals: { eventsAccepted: number; buildsSucceeded: number; buildsFailed: number; searchReleases: number };
  /** When the slow path will run, after incremental releases it does not cover yet. */
  nextSlowPathAt: string | null;
  /**
   * The slow path's work under way, beside the releases (which go on meanwhile): the search index of the release
   * `from`, and since when; `slowPages` when the slow pages (indicators, open-data files…) are being rendered beside
   * them too. The release after it takes the index and the pages.
   */
  searchIndexing: { from: string; startedAt: string; slowPages: boolean } | null;
  /** Why the slow path's last attempt made nothing (the site online kept its index and slow pages), until one succeeds. */
  lastSlowPathFailure: { at: string; reason: string } | null;
  /** The next build, started ahead of time: `ready` once compiled and waiting for events (see builder.ts). */
  nextBuild: { id: string; ready: boolean } | null;
}

/** Keeps the history that the status page reports; the scheduler supplies what is waiting and when. */
export class StatusBook {
  private current: BuildRecord | null = null;
  private leftOut: LeftOutSection[] = [];
  private running: RunningBuild | null = null;
  private lastSuccess: BuildRecord | null = null;
  private lastFailure: FailureRecord | null = null;
  private readonly totals = { eventsAccepted: 0, buildsSucceeded: 0, buildsFailed: 0, searchReleases: 0 };

  /** After a restart: the build that was online, read back from its metadata. */
  restoreCurrent(record: BuildRecord, leftOut: LeftOutSection[] = []): void {
    this.current = record;
    this.leftOut = leftOut;
    this.lastSuccess = record;
  }

  eventAccepted(): void {
    this.totals.eventsAccepted++;
  }

  buildStarted(build: RunningBuild): void {
    this.running = build;
  }

  buildFinished(result: BuildResult, leftOut: LeftOutSection[] = []): void {
    this.running = null;
    if (result.ok) {
      const { ok: _ok, ...record } = result;
      this.current = record;
      this.leftOut = leftOut;
      this.lastSuccess = record;
      if (result.release?.kind === 'search') this.totals.searchReleases++;
      else this.totals.buildsSucceeded++;
    } else {
      const { ok: _ok, ...record } = result;
      this.lastFailure = record;
      this.totals.buildsFailed++;
    }
  }

  report(scheduler: SchedulerSnapshot): Omit<PublisherStatus, 'nextBuild' | 'nextSlowPathAt' | 'searchIndexing' | 'lastSlowPathFailure'> {
    return {
      current: this.current,
      leftOut: this.leftOut,
      running: this.running,
      building: scheduler.building,
      lastSuccess: this.lastSuccess,
      lastFailure: this.lastFailure,
      consecutiveFailures: scheduler.consecutiveFailures,
      eventsWaiting: scheduler.eventsWaiting,
      waitingReasons: scheduler.waitingReasons,
      nextBuildAt: isoOrNull(scheduler.nextBuildAt),
      nextRetryAt: isoOrNull(scheduler.nextRetryAt),
      totals: { ...this.totals },
    };
  }
}

function isoOrNull(at: number | null): string | null {
  return at === null ? null : new Date(at).toISOString();
}

/**
 * What `GET /status` answers anyone: whether the site is online, how fresh it is and whether builds fail, for a
 * monitoring probe or a curious visitor. No path, no hub address, no error text: those are for the operator.
 */
export interface PublicStatus {
  online: boolean;
  /** When the build online now finished. */
  updatedAt: string | null;
  building: boolean;
  /** How the latest finished build ended. */
  lastBuild: 'succeeded' | 'failed' | null;
  consecutiveFailures: number;
  /** The pages the build online now shows with a notice instead of some of their figures. */
  pagesWithSectionsLeftOut: string[];
  details: string;
}

export function publicStatus(status: PublisherStatus): PublicStatus {
  const failedLast =
    status.lastFailure !== null &&
    (status.lastSuccess === null || Date.parse(status.lastFailure.finishedAt) >= Date.parse(status.lastSuccess.finishedAt));
  return {
    online: status.current !== null,
    updatedAt: status.current?.finishedAt ?? null,
    building: status.building,
    lastBuild: failedLast ? 'failed' : status.lastSuccess ? 'succeeded' : null,
    consecutiveFailures: status.consecutiveFailures,
    pagesWithSectionsLeftOut: [...new Set(status.leftOut.map((section) => section.page))].sort(),
    details: 'Send "Authorization: Bearer <PUBLISHER_STATUS_TOKEN>" for the details (build ids, reasons, errors).',
  };
}
