import { Migration } from '@mikro-orm/migrations';

export class Migration20261207181158 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "alert_subscription_generation" ("id" int not null, "generation" int not null, constraint "alert_subscription_generation_pkey" primary key ("id"));`);

    this.addSql(`drop table if exists "alert_subscription_key" cascade;`);

    // The count of changes of the confirmed subscriptions, kept by the database whoever writes them, in the
    // transaction of the change: a hub keeps its index of the subscriptions while the count is the one it was built
    // at (`alert-subscription-index.ts`).
    this.addSql(`insert into "alert_subscription_generation" ("id", "generation") values (1, 0);`);
    this.addSql(`create function "alert_subscription_generation_count"() returns trigger language plpgsql as $$
      begin update "alert_subscription_generation" set "generation" = "generation" + 1 where "id" = 1; return null; end $$;`);
    this.addSql(`create trigger "alert_subscription_generation_insert" after insert on "alert_subscription" for each row when (new."confirmed_at" is not null)
      execute function "alert_subscription_generation_count"();`);
    this.addSql(`create trigger "alert_subscription_generation_update" after update on "alert_subscription" for each row when (old."confirmed_at" is not null or new."confirmed_at" is not null)
      execute function "alert_subscription_generation_count"();`);
    this.addSql(`create trigger "alert_subscription_generation_delete" after delete on "alert_subscription" for each row when (old."confirmed_at" is not null)
      execute function "alert_subscription_generation_count"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`create table "alert_subscription_key" ("subscription_id" varchar(36) not null, "key" varchar(130) not null, constraint "alert_subscription_key_pkey" primary key ("subscription_id", "key"));`);
    this.addSql(`create index "alert_subscription_key_key_subscription_id_index" on "alert_subscription_key" ("key", "subscription_id");`);

    this.addSql(`alter table "alert_subscription_key" add constraint "alert_subscription_key_subscription_id_foreign" foreign key ("subscription_id") references "alert_subscription" ("id") on update cascade on delete cascade;`);

    this.addSql(`drop table if exists "alert_subscription_generation" cascade;`);
    this.addSql(`drop function if exists "alert_subscription_generation_count"() cascade;`);
  }

}
