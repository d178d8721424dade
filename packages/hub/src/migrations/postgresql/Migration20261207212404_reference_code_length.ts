import { Migration } from '@mikro-orm/migrations';

export class Migration20261207212404 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "organisation" alter column "reference_code" type varchar(6) using ("reference_code"::varchar(6));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "organisation" alter column "reference_code" type varchar(3) using ("reference_code"::varchar(3));`);
  }

}
