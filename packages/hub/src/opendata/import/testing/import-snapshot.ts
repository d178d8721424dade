import { AuditEntry } from '../../../audit/audit-entry.entity.js';
import { OutboxEvent } from '../../../events/outbox-event.entity.js';
import { Award } from '../../../notices/award.entity.js';
import { Lot } from '../../../notices/lot.entity.js';
import { Notice } from '../../../notices/notice.entity.js';
import { Organisation } from '../../../organisations/organisation.entity.js';
import type { TestHub } from '../../../test-support/test-hub.js';

/**
 * Every row an import may touch, as plain values, with the number of outbox events and audit entries: two snapshots
 * are equal when an import changed nothing (the importers' idempotence tests, on both databases).
 */
export async function importSnapshot(hub: TestHub) {
  const em = hub.orm.em.fork();
  const rows = async (entity: typeof Notice | typeof Lot | typeof Award | typeof Organisation) =>
    (await em.find(entity as typeof Notice, {}, { orderBy: { id: 'asc' } })).map((row) => JSON.stringify(row));
  return {
    notices: await rows(Notice),
    lots: await rows(Lot),
    awards: await rows(Award),
    organisations: await rows(Organisation),
    events: await em.count(OutboxEvent, {}),
    audit: await em.count(AuditEntry, {}),
  };
}
