import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261129001208 } from './Migration20261129001208_initial.js';
import { Migration20261129002458 } from './Migration20261129002458_purchasing_groups.js';
import { Migration20261129002824 } from './Migration20261129002824_framework_orders.js';
import { Migration20261129003114 } from './Migration20261129003114_correspondents.js';
import { Migration20261129004323 } from './Migration20261129004323_webhooks.js';
import { Migration20261129005000 } from './Migration20261129005000_trainings_and_charter.js';
import { Migration20261129002553 } from './Migration20261129002553_opendata.js';
import { Migration20261129011500 } from './Migration20261129011500_notice_listing_indexes.js';
import { Migration20261205091636 } from './Migration20261205091636_planned_purchases.js';
import { Migration20261205092122 } from './Migration20261205092122_advice.js';
import { Migration20261205101500 } from './Migration20261205101500_mail.js';
import { Migration20261205102000 } from './Migration20261205102000_advice_planned_purchase.js';
import { Migration20261205103500 } from './Migration20261205103500_webhook_endpoint_lease.js';
import { Migration20261205121348 } from './Migration20261205121348_alerts.js';
import { Migration20261206021913 } from './Migration20261206021913_sign_in_throttle.js';
import { Migration20261206024857 } from './Migration20261206024857_alert_subscription_keys.js';
import { Migration20261206031847 } from './Migration20261206031847_alert_planned_matches.js';
import { Migration20261206065919 } from './Migration20261206065919_alert_announcements.js';
import { Migration20261206070342 } from './Migration20261206070342_webhook_delivery_sequence.js';
import { Migration20261206182148 } from './Migration20261206182148_import_source_date.js';
import { Migration20261206213422 } from './Migration20261206213422_alert_announcement_plan_changes.js';

/** Every migration, in order. `pnpm hub migration create` writes a new file; add its class here. */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261129001208_initial', class: Migration20261129001208 },
  { name: 'Migration20261129002458_purchasing_groups', class: Migration20261129002458 },
  { name: 'Migration20261129002824_framework_orders', class: Migration20261129002824 },
  { name: 'Migration20261129003114_correspondents', class: Migration20261129003114 },
  { name: 'Migration20261129004323_webhooks', class: Migration20261129004323 },
  { name: 'Migration20261129005000_trainings_and_charter', class: Migration20261129005000 },
  { name: 'Migration20261129002553_opendata', class: Migration20261129002553 },
  { name: 'Migration20261129011500_notice_listing_indexes', class: Migration20261129011500 },
  { name: 'Migration20261205091636_planned_purchases', class: Migration20261205091636 },
  { name: 'Migration20261205092122_advice', class: Migration20261205092122 },
  { name: 'Migration20261205101500_mail', class: Migration20261205101500 },
  { name: 'Migration20261205102000_advice_planned_purchase', class: Migration20261205102000 },
  { name: 'Migration20261205103500_webhook_endpoint_lease', class: Migration20261205103500 },
  { name: 'Migration20261205121348_alerts', class: Migration20261205121348 },
  { name: 'Migration20261206021913_sign_in_throttle', class: Migration20261206021913 },
  { name: 'Migration20261206024857_alert_subscription_keys', class: Migration20261206024857 },
  { name: 'Migration20261206031847_alert_planned_matches', class: Migration20261206031847 },
  { name: 'Migration20261206065919_alert_announcements', class: Migration20261206065919 },
  { name: 'Migration20261206070342_webhook_delivery_sequence', class: Migration20261206070342 },
  { name: 'Migration20261206182148_import_source_date', class: Migration20261206182148 },
  { name: 'Migration20261206213422_alert_announcement_plan_changes', class: Migration20261206213422 },
];
