import { Migration } from '@mikro-orm/migrations';

/**
 * Alerts tell whom each event went to in one row per event (`alert_announcement`) instead of one row per
 * subscription and event (`alert_match`), and queue their mails as payloads rendered at sending time. The history
 * told is carried over; matches not mailed yet become one pending mail per subscription, sent at once.
 */
export class Migration20261206065919 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`alert_announcement\` (\`event_id\` text not null, \`reference\` text not null, \`reason\` text check (\`reason\` in ('PUBLISHED', 'CORRECTED', 'CANCELLED', 'PLANNED')) not null, \`occurred_at\` datetime not null, \`subscription_ids\` text not null, primary key (\`event_id\`));`);
    this.addSql(`create index \`alert_announcement_reference_reason_index\` on \`alert_announcement\` (\`reference\`, \`reason\`);`);
    this.addSql(`alter table \`mail_message\` add column \`payload\` json null;`);
    this.addSql(`alter table \`mail_message\` add column \`group_key\` text null;`);
    this.addSql(`create index \`mail_message_group_key_index\` on \`mail_message\` (\`group_key\`);`);
    this.addSql(`insert into \`alert_announcement\` (\`event_id\`, \`reference\`, \`reason\`, \`occurred_at\`, \`subscription_ids\`)
      select \`event_id\`, min(\`notice_reference\`), min(\`reason\`), min(\`created_at\`), group_concat(\`subscription_id\`, ',') from \`alert_match\` group by \`event_id\`;`);
    this.addSql(`insert into \`mail_message\` (\`id\`, \`created_at\`, \`updated_at\`, \`kind\`, \`recipient\`, \`recipient_key\`, \`subject\`, \`text\`, \`html\`, \`headers\`, \`payload\`, \`group_key\`, \`status\`, \`attempts\`, \`next_attempt_at\`, \`last_error\`, \`sent_at\`)
      select lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
        m.\`now\`, m.\`now\`, case when s.\`frequency\` = 'DAILY' then 'alert.digest' else 'alert.immediate' end, s.\`email\`, s.\`email_key\`, '', '', null, '{}',
        json_object('subscription', s.\`id\`, 'items', json(m.\`items\`)), 'alert:' || s.\`id\`, 'PENDING', 0, m.\`now\`, null, null
      from (select \`subscription_id\`, json_group_array(json_object('reason', \`reason\`, 'reference', \`notice_reference\`)) as \`items\`, cast(strftime('%s', 'now') as integer) * 1000 as \`now\`
            from \`alert_match\` where \`mailed_at\` is null group by \`subscription_id\`) m
      join \`alert_subscription\` s on s.\`id\` = m.\`subscription_id\` where s.\`confirmed_at\` is not null;`);
    this.addSql(`drop table if exists \`alert_match\`;`);
    this.addSql(`alter table \`alert_subscription\` drop column \`last_digest_at\`;`);
    this.addSql(`alter table \`alert_subscription\` drop column \`mails_sent\`;`);
  }

}
