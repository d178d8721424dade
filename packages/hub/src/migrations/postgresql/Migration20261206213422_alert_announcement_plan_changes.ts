import { Migration } from '@mikro-orm/migrations';

export class Migration20261206213422 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "alert_announcement" drop constraint if exists "alert_announcement_reason_check";`);

    this.addSql(`alter table "alert_announcement" add constraint "alert_announcement_reason_check" check("reason" in ('PUBLISHED', 'CORRECTED', 'CANCELLED', 'PLANNED', 'PLAN_UPDATED', 'PLAN_WITHDRAWN'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "alert_announcement" drop constraint if exists "alert_announcement_reason_check";`);

    this.addSql(`alter table "alert_announcement" add constraint "alert_announcement_reason_check" check("reason" in ('PUBLISHED', 'CORRECTED', 'CANCELLED', 'PLANNED'));`);
  }

}
