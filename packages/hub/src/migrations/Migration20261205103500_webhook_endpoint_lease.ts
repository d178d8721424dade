import { Migration } from '@mikro-orm/migrations';

/** The endpoint lease of the webhook dispatchers: several hub processes on one database send each delivery once. */
export class Migration20261205103500 extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table `webhook_endpoint` add column `dispatch_lease_owner` text null;');
    this.addSql('alter table `webhook_endpoint` add column `dispatch_lease_expires_at` datetime null;');
  }

  override async down(): Promise<void> {
    this.addSql('alter table `webhook_endpoint` drop column `dispatch_lease_owner`;');
    this.addSql('alter table `webhook_endpoint` drop column `dispatch_lease_expires_at`;');
  }
}
