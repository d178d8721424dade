import { Migration } from '@mikro-orm/migrations';

/**
 * Subscriptions with where-or-who and families are now filed under pairs of a place and a family (`alert-keys.ts`):
 * the index is emptied so that the next matching pass files every confirmed subscription again, under its new keys.
 * Until then nothing is missed: a subscription without keys is filed before any notice is matched.
 */
export class Migration20261207042000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`delete from "alert_subscription_key";`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "alert_subscription_key";`);
  }

}
