import type { MikroORM } from '@mikro-orm/sqlite';
import type { Clock } from '../shared/clock.js';
import type { HubConfig } from '../shared/config.js';
import { Notice } from './notice.entity.js';
import { NoticeService } from './notice.service.js';

const MAX_SLEEP_MS = 60_000;

/**
 * Records CLOSED (and emits notice.closed) for each published notice when its deadline passes. At start it
 * catches up every deadline that passed while the hub was down; then it wakes at the next deadline, and at least
 * every minute so that notices published meanwhile are seen.
 */
export function startDeadlineScheduler(
  orm: MikroORM,
  config: HubConfig,
  clock: Clock,
  log: (message: string) => void,
  options: { maxSleepMs?: number } = {},
) {
  // Tests move a fixed clock, which no timer notices: they make the scheduler look again often.
  const maxSleepMs = options.maxSleepMs ?? MAX_SLEEP_MS;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const tick = async () => {
    try {
      const service = new NoticeService({ em: orm.em.fork(), actor: null, clock, config });
      const closed = await service.closeDueNotices();
      if (closed.length) log(`closed ${closed.length} notice(s) whose deadline passed: ${closed.join(', ')}`);
      const next = await orm.em.fork().findOne(Notice, { status: 'PUBLISHED' }, { orderBy: { submissionDeadline: 'asc' }, fields: ['submissionDeadline'] });
      const wait = next ? next.submissionDeadline.getTime() - clock.now().getTime() + 50 : maxSleepMs;
      schedule(Math.min(Math.max(wait, 0), maxSleepMs));
    } catch (error) {
      log(`deadline scheduler failed, retrying in a minute: ${String(error)}`);
      schedule(maxSleepMs);
    }
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = tick();
    }, ms);
    timer.unref();
  };

  running = tick();
  return {
    /** Resolves once a pass under way has finished, so the database can be closed after it. */
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
