import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261205134608 } from './Migration20261205134608_initial.js';
import { Migration20261206021913 } from './Migration20261206021913_sign_in_throttle.js';
import { Migration20261206024857 } from './Migration20261206024857_alert_subscription_keys.js';
import { Migration20261206031847 } from './Migration20261206031847_alert_planned_matches.js';
import { Migration20261206065919 } from './Migration20261206065919_alert_announcements.js';
import { Migration20261206070342 } from './Migration20261206070342_webhook_delivery_sequence.js';
import { Migration20261206182148 } from './Migration20261206182148_import_source_date.js';
import { Migration20261206213422 } from './Migration20261206213422_alert_announcement_plan_changes.js';
import { Migration20261208010000 } from './Migration20261208010000_reference_pattern_indexes.js';
import { Migration20261207042000 } from './Migration20261207042000_alert_subscription_pair_keys.js';
import { Migration20261207145657 } from './Migration20261207145657_import_source_hash.js';
import { Migration20261207181158 } from './Migration20261207181158_alert_subscription_generation.js';
import { Migration20261207212404 } from './Migration20261207212404_reference_code_length.js';

/**
 * Every PostgreSQL migration, in order: the same schema as the SQLite set (`../index.ts`), written for PostgreSQL.
 * `pnpm hub migration create <what>` writes and lists a new migration in both sets.
 */
export const POSTGRESQL_MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261205134608_initial', class: Migration20261205134608 },
  { name: 'Migration20261206021913_sign_in_throttle', class: Migration20261206021913 },
  { name: 'Migration20261206024857_alert_subscription_keys', class: Migration20261206024857 },
  { name: 'Migration20261206031847_alert_planned_matches', class: Migration20261206031847 },
  { name: 'Migration20261206065919_alert_announcements', class: Migration20261206065919 },
  { name: 'Migration20261206070342_webhook_delivery_sequence', class: Migration20261206070342 },
  { name: 'Migration20261206182148_import_source_date', class: Migration20261206182148 },
  { name: 'Migration20261206213422_alert_announcement_plan_changes', class: Migration20261206213422 },
  { name: 'Migration20261207042000_alert_subscription_pair_keys', class: Migration20261207042000 },
  { name: 'Migration20261207145657_import_source_hash', class: Migration20261207145657 },
  { name: 'Migration20261207181158_alert_subscription_generation', class: Migration20261207181158 },
  { name: 'Migration20261207212404_reference_code_length', class: Migration20261207212404 },
  { name: 'Migration20261208010000_reference_pattern_indexes', class: Migration20261208010000 },
];
