import { Migration } from '@mikro-orm/migrations';

export class Migration20261206031847 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "alert_match" drop constraint if exists "alert_match_reason_check";`);

    this.addSql(`alter table "alert_match" add constraint "alert_match_reason_check" check("reason" in ('PUBLISHED', 'CORRECTED', 'CANCELLED', 'PLANNED'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "alert_match" drop constraint if exists "alert_match_reason_check";`);

    this.addSql(`alter table "alert_match" add constraint "alert_match_reason_check" check("reason" in ('PUBLISHED', 'CORRECTED', 'CANCELLED'));`);
  }

}
