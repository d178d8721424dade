import { Migration } from '@mikro-orm/migrations';

/** The sign-in counters (auth/sign-in-throttle.ts): shared by every hub process on the database, kept across restarts. */
export class Migration20261206021913 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "sign_in_throttle" ("counter_key" varchar(64) not null, "attempts" int not null, "last_attempt_at" bigint not null, "next_allowed_at" bigint not null, "known_at" bigint null, constraint "sign_in_throttle_pkey" primary key ("counter_key"));`);
    this.addSql(`create index "sign_in_throttle_last_attempt_at_index" on "sign_in_throttle" ("last_attempt_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "sign_in_throttle" cascade;`);
  }

}
