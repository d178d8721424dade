import { Migration } from '@mikro-orm/migrations';

/**
 * Alerts tell whom each event went to in one row per event (`alert_announcement`) instead of one row per
 * subscription and event (`alert_match`), and queue their mails as payloads rendered at sending time. The history
 * told is carried over; matches not mailed yet become one pending mail per subscription, sent at once.
 */
export class Migration20261206065919 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "alert_announcement" ("event_id" varchar(36) not null, "reference" varchar(40) not null, "reason" text check ("reason" in ('PUBLISHED', 'CORRECTED', 'CANCELLED', 'PLANNED')) not null, "occurred_at" timestamptz not null, "subscription_ids" text not null, constraint "alert_announcement_pkey" primary key ("event_id"));`);
    this.addSql(`create index "alert_announcement_reference_reason_index" on "alert_announcement" ("reference", "reason");`);

    this.addSql(`alter table "mail_message" add column "payload" jsonb null, add column "group_key" varchar(80) null;`);
    this.addSql(`create index "mail_message_group_key_index" on "mail_message" ("group_key");`);

    this.addSql(`insert into "alert_announcement" ("event_id", "reference", "reason", "occurred_at", "subscription_ids")
      select "event_id", min("notice_reference"), min("reason"), min("created_at"), string_agg("subscription_id", ',' order by "subscription_id") from "alert_match" group by "event_id";`);
    this.addSql(`insert into "mail_message" ("id", "created_at", "updated_at", "kind", "recipient", "recipient_key", "subject", "text", "html", "headers", "payload", "group_key", "status", "attempts", "next_attempt_at", "last_error", "sent_at")
      select gen_random_uuid()::text, now(), now(), case when s."frequency" = 'DAILY' then 'alert.digest' else 'alert.immediate' end, s."email", s."email_key", '', '', null, '{}'::jsonb,
        jsonb_build_object('subscription', s."id", 'items', m."items"), 'alert:' || s."id", 'PENDING', 0, now(), null, null
      from (select "subscription_id", jsonb_agg(jsonb_build_object('reason', "reason", 'reference', "notice_reference") order by "created_at") as "items"
            from "alert_match" where "mailed_at" is null group by "subscription_id") m
      join "alert_subscription" s on s."id" = m."subscription_id" where s."confirmed_at" is not null;`);

    this.addSql(`drop table if exists "alert_match" cascade;`);

    this.addSql(`alter table "alert_subscription" drop column "last_digest_at", drop column "mails_sent";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create table "alert_match" ("id" varchar(36) not null, "created_at" timestamptz(6) not null, "updated_at" timestamptz(6) not null, "subscription_id" varchar(36) not null, "event_id" varchar(36) not null, "notice_reference" varchar(40) not null, "reason" text check ("reason" in ('PUBLISHED', 'CORRECTED', 'CANCELLED', 'PLANNED')) not null, "mailed_at" timestamptz(6) null, constraint "alert_match_pkey" primary key ("id"));`);
    this.addSql(`create index "alert_match_notice_reference_reason_index" on "alert_match" ("notice_reference", "reason");`);
    this.addSql(`alter table "alert_match" add constraint "alert_match_subscription_id_event_id_unique" unique ("subscription_id", "event_id");`);
    this.addSql(`create index "alert_match_subscription_id_mailed_at_index" on "alert_match" ("subscription_id", "mailed_at");`);

    this.addSql(`alter table "alert_match" add constraint "alert_match_subscription_id_foreign" foreign key ("subscription_id") references "alert_subscription" ("id") on update cascade on delete cascade;`);

    this.addSql(`drop table if exists "alert_announcement" cascade;`);

    this.addSql(`alter table "alert_subscription" add column "last_digest_at" timestamptz(6) null, add column "mails_sent" int4 not null default 0;`);

    this.addSql(`drop index "mail_message_group_key_index";`);
    this.addSql(`alter table "mail_message" drop column "payload", drop column "group_key";`);
  }

}
