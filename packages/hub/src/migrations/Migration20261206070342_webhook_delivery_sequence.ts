import { Migration } from '@mikro-orm/migrations';

export class Migration20261206070342 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`webhook_endpoint\` add column \`last_sequence\` integer not null default 0;`);
    this.addSql(`alter table \`webhook_delivery\` add column \`sequence\` integer null;`);
  }

}
