import { Migration } from '@mikro-orm/migrations';

export class Migration20261206182148 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "notice" add column "source_date" timestamptz null;`);

    this.addSql(`alter table "award" add column "source_date" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "award" drop column "source_date";`);

    this.addSql(`alter table "notice" drop column "source_date";`);
  }

}
