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
export function startDeadlineScheduler(orm: MikroORM, config: HubConfig, clock: Clock, log: (message: string) => void) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const tick = async () => {
    try {
      const service = new NoticeService({ em: orm.em.fork(), actor: null, clock, config });
      const closed = await service.closeDueNotices();
      if (closed.length) log(`closed ${closed.length} notice(s) whose deadline passed: ${closed.join(', ')}`);
      const next = await orm.em.fork().findOne(Notice, { status: 'PUBLISHED' }, { orderBy: { submissionDeadline: 'asc' }, fields: ['submissionDeadline'] });
      const wait = next ? next.submissionDeadline.getTime() - clock.now().getTime() + 50 : MAX_SLEEP_MS;
      schedule(Math.min(Math.max(wait, 0), MAX_SLEEP_MS));
    } catch (error) {
      log(`deadline scheduler failed, retrying in a minute: ${String(error)}`);
      schedule(MAX_SLEEP_MS);
    }
  };
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => void tick(), ms);
    timer.unref();
  };

  void tick();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
