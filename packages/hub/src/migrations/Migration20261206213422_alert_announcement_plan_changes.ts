import { Migration } from '@mikro-orm/migrations';

export class Migration20261206213422 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(`create table \`alert_announcement__temp_alter\` (\`event_id\` text not null, \`reference\` text not null, \`reason\` text check (\`reason\` in ('PUBLISHED', 'CORRECTED', 'CANCELLED', 'PLANNED', 'PLAN_UPDATED', 'PLAN_WITHDRAWN')) not null, \`occurred_at\` datetime not null, \`subscription_ids\` text not null, primary key (\`event_id\`));`);
    this.addSql(`insert into \`alert_announcement__temp_alter\` select \`event_id\`, \`reference\`, \`reason\`, \`occurred_at\`, \`subscription_ids\` from \`alert_announcement\`;`);
    this.addSql(`drop table \`alert_announcement\`;`);
    this.addSql(`alter table \`alert_announcement__temp_alter\` rename to \`alert_announcement\`;`);
    this.addSql(`create index \`alert_announcement_reference_reason_index\` on \`alert_announcement\` (\`reference\`, \`reason\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }

}
