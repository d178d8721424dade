import { Migration } from '@mikro-orm/migrations';

/** The network of purchasing family correspondents. */
export class Migration20261129003114 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`correspondent\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`staff_member_id\` text not null, \`family_id\` text not null, \`organisation_id\` text not null, constraint \`correspondent_staff_member_id_foreign\` foreign key(\`staff_member_id\`) references \`staff_member\`(\`id\`) on update cascade, constraint \`correspondent_family_id_foreign\` foreign key(\`family_id\`) references \`purchasing_family\`(\`id\`) on update cascade, constraint \`correspondent_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`correspondent_staff_member_id_index\` on \`correspondent\` (\`staff_member_id\`);`);
    this.addSql(`create index \`correspondent_family_id_index\` on \`correspondent\` (\`family_id\`);`);
    this.addSql(`create index \`correspondent_organisation_id_index\` on \`correspondent\` (\`organisation_id\`);`);
    this.addSql(`create unique index \`correspondent_staff_member_id_family_id_unique\` on \`correspondent\` (\`staff_member_id\`, \`family_id\`);`);
  }
}
