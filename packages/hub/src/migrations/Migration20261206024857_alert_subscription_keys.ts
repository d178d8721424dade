import { Migration } from '@mikro-orm/migrations';

export class Migration20261206024857 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`alert_subscription_key\` (\`subscription_id\` text not null, \`key\` text not null, constraint \`alert_subscription_key_subscription_id_foreign\` foreign key(\`subscription_id\`) references \`alert_subscription\`(\`id\`) on delete cascade on update cascade, primary key (\`subscription_id\`, \`key\`));`);
    this.addSql(`create index \`alert_subscription_key_subscription_id_index\` on \`alert_subscription_key\` (\`subscription_id\`);`);
    this.addSql(`create index \`alert_subscription_key_key_subscription_id_index\` on \`alert_subscription_key\` (\`key\`, \`subscription_id\`);`);
  }

}
