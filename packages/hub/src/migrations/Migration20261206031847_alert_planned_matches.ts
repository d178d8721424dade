import { Migration } from '@mikro-orm/migrations';

export class Migration20261206031847 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(`create table \`alert_match__temp_alter\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`subscription_id\` text not null, \`event_id\` text not null, \`notice_reference\` text not null, \`reason\` text check (\`reason\` in ('PUBLISHED', 'CORRECTED', 'CANCELLED', 'PLANNED')) not null, \`mailed_at\` datetime null, constraint \`alert_match_subscription_id_foreign\` foreign key(\`subscription_id\`) references \`alert_subscription\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`insert into \`alert_match__temp_alter\` select \`id\`, \`created_at\`, \`updated_at\`, \`subscription_id\`, \`event_id\`, \`notice_reference\`, \`reason\`, \`mailed_at\` from \`alert_match\`;`);
    this.addSql(`drop table \`alert_match\`;`);
    this.addSql(`alter table \`alert_match__temp_alter\` rename to \`alert_match\`;`);
    this.addSql(`create index \`alert_match_subscription_id_index\` on \`alert_match\` (\`subscription_id\`);`);
    this.addSql(`create index \`alert_match_notice_reference_reason_index\` on \`alert_match\` (\`notice_reference\`, \`reason\`);`);
    this.addSql(`create index \`alert_match_subscription_id_mailed_at_index\` on \`alert_match\` (\`subscription_id\`, \`mailed_at\`);`);
    this.addSql(`create unique index \`alert_match_subscription_id_event_id_unique\` on \`alert_match\` (\`subscription_id\`, \`event_id\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }

}
