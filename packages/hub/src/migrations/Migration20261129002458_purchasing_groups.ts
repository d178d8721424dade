import { Migration } from '@mikro-orm/migrations';

/** Groupements de commandes, and the group a notice is published for. */
export class Migration20261129002458 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`purchasing_group\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`subject\` text not null, \`coordinator_id\` text not null, \`agreement_start\` text not null, \`agreement_end\` text null, \`documents_url\` text null, constraint \`purchasing_group_coordinator_id_foreign\` foreign key(\`coordinator_id\`) references \`organisation\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`purchasing_group_coordinator_id_index\` on \`purchasing_group\` (\`coordinator_id\`);`);
    this.addSql(`create table \`purchasing_group_member\` (\`purchasing_group_id\` text not null, \`organisation_id\` text not null, constraint \`purchasing_group_member_purchasing_group_id_foreign\` foreign key(\`purchasing_group_id\`) references \`purchasing_group\`(\`id\`) on delete cascade on update cascade, constraint \`purchasing_group_member_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on delete cascade on update cascade, primary key (\`purchasing_group_id\`, \`organisation_id\`));`);
    this.addSql(`create index \`purchasing_group_member_purchasing_group_id_index\` on \`purchasing_group_member\` (\`purchasing_group_id\`);`);
    this.addSql(`create index \`purchasing_group_member_organisation_id_index\` on \`purchasing_group_member\` (\`organisation_id\`);`);
    this.addSql(`alter table \`notice\` add column \`purchasing_group_id\` text null constraint \`notice_purchasing_group_id_foreign\` references \`purchasing_group\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`create index \`notice_purchasing_group_id_index\` on \`notice\` (\`purchasing_group_id\`);`);
  }
}
