import { Migration } from '@mikro-orm/migrations';

export class Migration20261206070342 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "webhook_endpoint" add column "last_sequence" int not null default 0;`);

    this.addSql(`alter table "webhook_delivery" add column "sequence" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "webhook_delivery" drop column "sequence";`);

    this.addSql(`alter table "webhook_endpoint" drop column "last_sequence";`);
  }

}
