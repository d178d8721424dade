import { Migration } from '@mikro-orm/migrations';

export class Migration20261206024857 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "alert_subscription_key" ("subscription_id" varchar(36) not null, "key" varchar(130) not null, constraint "alert_subscription_key_pkey" primary key ("subscription_id", "key"));`);
    this.addSql(`create index "alert_subscription_key_key_subscription_id_index" on "alert_subscription_key" ("key", "subscription_id");`);

    this.addSql(`alter table "alert_subscription_key" add constraint "alert_subscription_key_subscription_id_foreign" foreign key ("subscription_id") references "alert_subscription" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "alert_subscription_key" cascade;`);
  }

}
