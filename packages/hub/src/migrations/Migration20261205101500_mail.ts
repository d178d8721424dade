import { Migration } from '@mikro-orm/migrations';

/** The mail outbox (`mail_message`) and the delivery state of addresses, known by key only (`mail_address`). */
export class Migration20261205101500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`mail_address\` (\`key\` text not null, \`hard_bounces\` integer not null default 0, \`last_bounce_at\` datetime null, \`failed_at\` datetime null, primary key (\`key\`));`);
    this.addSql(`create table \`mail_message\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`kind\` text not null, \`recipient\` text not null, \`recipient_key\` text not null, \`subject\` text not null, \`text\` text not null, \`html\` text null, \`headers\` json not null, \`status\` text check (\`status\` in ('PENDING', 'SENT', 'FAILED', 'SUPPRESSED')) not null default 'PENDING', \`attempts\` integer not null default 0, \`next_attempt_at\` datetime null, \`last_error\` text null, \`sent_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`mail_message_recipient_key_index\` on \`mail_message\` (\`recipient_key\`);`);
    this.addSql(`create index \`mail_message_status_next_attempt_at_index\` on \`mail_message\` (\`status\`, \`next_attempt_at\`);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table `mail_message`;');
    this.addSql('drop table `mail_address`;');
  }
}
