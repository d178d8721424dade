import { Migration } from '@mikro-orm/migrations';

/**
 * Open data in and out: imported notices keep their source identifier, buyers their SIRET, and an award may come
 * from a source that gave no SIRET, no SME flag or no amount, with several holders and the DECP contract data.
 * The award table is rebuilt (SQLite cannot relax NOT NULL in place); nothing references it, so the rebuild is safe
 * inside the migration's transaction.
 */
export class Migration20261129002553 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`organisation\` add column \`siret\` text null;`);

    this.addSql(`alter table \`notice\` add column \`source_system\` text null;`);
    this.addSql(`alter table \`notice\` add column \`source_id\` text null;`);
    this.addSql(`alter table \`notice\` add column \`imported_at\` datetime null;`);
    this.addSql(`create unique index \`notice_source_system_source_id_unique\` on \`notice\` (\`source_system\`, \`source_id\`);`);

    this.addSql(`create table \`award__temp_alter\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`lot_id\` text not null, \`supplier_name\` text not null, \`supplier_siret\` text null, \`sme\` integer null, \`supplier_commune\` text null, \`supplier_insee_code\` text null, \`amount\` double null, \`awarded_on\` text not null, \`co_suppliers\` json not null, \`contract\` json null, constraint \`award_lot_id_foreign\` foreign key(\`lot_id\`) references \`lot\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`insert into \`award__temp_alter\` select \`id\`, \`created_at\`, \`updated_at\`, \`lot_id\`, \`supplier_name\`, \`supplier_siret\`, \`sme\`, \`supplier_commune\`, \`supplier_insee_code\`, \`amount\`, \`awarded_on\`, '[]', null from \`award\`;`);
    this.addSql(`drop table \`award\`;`);
    this.addSql(`alter table \`award__temp_alter\` rename to \`award\`;`);
    this.addSql(`create unique index \`award_lot_id_unique\` on \`award\` (\`lot_id\`);`);
  }
}
