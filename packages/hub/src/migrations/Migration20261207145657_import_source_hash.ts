import { Migration } from '@mikro-orm/migrations';

export class Migration20261207145657 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`notice\` add column \`source_hash\` text null;`);
  }

}
