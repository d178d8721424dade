import type { BuildRecord, BuildResult } from './build/builder.js';
import type { SchedulerSnapshot } from './build/scheduler.js';

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

/** What `GET /status` answers. */
export interface PublisherStatus {
  /** The build online now. */
  current: BuildRecord | null;
  running: RunningBuild | null;
  building: boolean;
  lastSuccess: BuildRecord | null;
  lastFailure: FailureRecord | null;
  consecutiveFailures: number;
  eventsWaiting: number;
  waitingReasons: string[];
  nextBuildAt: string | null;
  nextRetryAt: string | null;
  totals: { eventsAccepted: number; buildsSucceeded: number; buildsFailed: number };
  /** The next build, started ahead of time: `ready` once compiled and waiting for events (see builder.ts). */
  nextBuild: { id: string; ready: boolean } | null;
}

/** Keeps the history that the status page reports; the scheduler supplies what is waiting and when. */
export class StatusBook {
  private current: BuildRecord | null = null;
  private running: RunningBuild | null = null;
  private lastSuccess: BuildRecord | null = null;
  private lastFailure: FailureRecord | null = null;
  private readonly totals = { eventsAccepted: 0, buildsSucceeded: 0, buildsFailed: 0 };

  /** After a restart: the build that was online, read back from its metadata. */
  restoreCurrent(record: BuildRecord): void {
    this.current = record;
    this.lastSuccess = record;
  }

  eventAccepted(): void {
    this.totals.eventsAccepted++;
  }

  buildStarted(build: RunningBuild): void {
    this.running = build;
  }

  buildFinished(result: BuildResult): void {
    this.running = null;
    if (result.ok) {
      const { ok: _ok, ...record } = result;
      this.current = record;
      this.lastSuccess = record;
      this.totals.buildsSucceeded++;
    } else {
      const { ok: _ok, ...record } = result;
      this.lastFailure = record;
      this.totals.buildsFailed++;
    }
  }

  report(scheduler: SchedulerSnapshot): Omit<PublisherStatus, 'nextBuild'> {
    return {
      current: this.current,
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
