import type { EntityManager } from '@mikro-orm/sqlite';
import { jsonOf } from '../shared/row-values.js';
import type { AlertCriteria } from './alert-criteria.js';
import { countAlertSubscriptions, type AlertSubscriptionCounts } from './alert-subscription-counts.js';
import type { AlertFrequency } from './alert-subscription.entity.js';
import { runRows } from './alert-rows.js';

const PAGE = 5_000;

/** Reads the subscriptions' criteria, frequency and whether confirmed — never the address — page by page, and counts them. */
export async function loadAlertSubscriptionCounts(em: EntityManager): Promise<AlertSubscriptionCounts> {
  const knex = em.getKnex();
  const rows: Array<{ criteria: AlertCriteria; frequency: AlertFrequency; confirmed: boolean }> = [];
  for (let after = ''; ; ) {
    const page = await runRows(em, knex('alert_subscription').select('id', 'criteria', 'frequency', 'confirmed_at').where('id', '>', after).orderBy('id').limit(PAGE));
    for (const row of page) rows.push({ criteria: jsonOf<AlertCriteria>(row.criteria), frequency: row.frequency as AlertFrequency, confirmed: row.confirmed_at !== null && row.confirmed_at !== undefined });
    if (page.length < PAGE) break;
    after = String(page[page.length - 1]!.id);
  }
  return countAlertSubscriptions(rows);
}
