import { Migration } from '@mikro-orm/migrations';

export class Migration20261207145657 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "notice" add column "source_hash" varchar(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "notice" drop column "source_hash";`);
  }

}
