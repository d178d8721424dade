import { Migration } from '@mikro-orm/migrations';

/** Orders and subsequent contracts under framework agreements. */
export class Migration20261129002824 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`framework_order\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`notice_id\` text not null, \`lot_number\` integer not null, \`reference\` text not null, \`supplier_name\` text not null, \`supplier_siret\` text not null, \`amount\` double not null, \`ordered_on\` text not null, constraint \`framework_order_notice_id_foreign\` foreign key(\`notice_id\`) references \`notice\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`framework_order_notice_id_index\` on \`framework_order\` (\`notice_id\`);`);
    this.addSql(`create unique index \`framework_order_notice_id_reference_unique\` on \`framework_order\` (\`notice_id\`, \`reference\`);`);
  }
}
