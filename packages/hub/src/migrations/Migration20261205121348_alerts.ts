import { Migration } from '@mikro-orm/migrations';

/** E-mail alerts: subscriptions (double opt-in), what each was told about, and the outbox events already matched. */
export class Migration20261205121348 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`alert_processed_event\` (\`event_id\` text not null, \`processed_at\` datetime not null, primary key (\`event_id\`));`);
    this.addSql(`create table \`alert_subscription\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`email\` text not null, \`email_key\` text not null, \`criteria\` json not null, \`frequency\` text check (\`frequency\` in ('IMMEDIATE', 'DAILY')) not null, \`confirmed_at\` datetime null, \`confirm_token_hash\` text null, \`confirm_requested_at\` datetime not null, \`manage_token\` text not null, \`last_digest_at\` datetime null, \`mails_sent\` integer not null default 0, primary key (\`id\`));`);
    this.addSql(`create index \`alert_subscription_email_key_index\` on \`alert_subscription\` (\`email_key\`);`);
    this.addSql(`create unique index \`alert_subscription_confirm_token_hash_unique\` on \`alert_subscription\` (\`confirm_token_hash\`);`);
    this.addSql(`create unique index \`alert_subscription_manage_token_unique\` on \`alert_subscription\` (\`manage_token\`);`);
    this.addSql(`create index \`alert_subscription_confirmed_at_frequency_index\` on \`alert_subscription\` (\`confirmed_at\`, \`frequency\`);`);
    this.addSql(`create table \`alert_match\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`subscription_id\` text not null, \`event_id\` text not null, \`notice_reference\` text not null, \`reason\` text check (\`reason\` in ('PUBLISHED', 'CORRECTED', 'CANCELLED')) not null, \`mailed_at\` datetime null, constraint \`alert_match_subscription_id_foreign\` foreign key(\`subscription_id\`) references \`alert_subscription\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`alert_match_subscription_id_index\` on \`alert_match\` (\`subscription_id\`);`);
    this.addSql(`create index \`alert_match_notice_reference_reason_index\` on \`alert_match\` (\`notice_reference\`, \`reason\`);`);
    this.addSql(`create index \`alert_match_subscription_id_mailed_at_index\` on \`alert_match\` (\`subscription_id\`, \`mailed_at\`);`);
    this.addSql(`create unique index \`alert_match_subscription_id_event_id_unique\` on \`alert_match\` (\`subscription_id\`, \`event_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table `alert_match`;');
    this.addSql('drop table `alert_subscription`;');
    this.addSql('drop table `alert_processed_event`;');
  }
}
