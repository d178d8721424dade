import { Migration } from '@mikro-orm/migrations';

export class Migration20261207181158 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`alert_subscription_generation\` (\`id\` integer not null, \`generation\` integer not null, primary key (\`id\`));`);
    this.addSql(`drop table if exists \`alert_subscription_key\`;`);
    // The count of changes of the confirmed subscriptions, kept by the database whoever writes them: a hub keeps its
    // index of the subscriptions while the count is the one it was built at (`alert-subscription-index.ts`). A
    // migration that rebuilds `alert_subscription` (SQLite's `__temp_alter`) drops these triggers: write them again.
    this.addSql(`insert into \`alert_subscription_generation\` (\`id\`, \`generation\`) values (1, 0);`);
    this.addSql(`create trigger \`alert_subscription_generation_insert\` after insert on \`alert_subscription\` when new.\`confirmed_at\` is not null
      begin update \`alert_subscription_generation\` set \`generation\` = \`generation\` + 1 where \`id\` = 1; end;`);
    this.addSql(`create trigger \`alert_subscription_generation_update\` after update on \`alert_subscription\` when old.\`confirmed_at\` is not null or new.\`confirmed_at\` is not null
      begin update \`alert_subscription_generation\` set \`generation\` = \`generation\` + 1 where \`id\` = 1; end;`);
    this.addSql(`create trigger \`alert_subscription_generation_delete\` after delete on \`alert_subscription\` when old.\`confirmed_at\` is not null
      begin update \`alert_subscription_generation\` set \`generation\` = \`generation\` + 1 where \`id\` = 1; end;`);
  }

}
