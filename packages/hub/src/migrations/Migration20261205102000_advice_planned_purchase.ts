import { Migration } from '@mikro-orm/migrations';

/** An advice request may be about a planned purchase of the forward plan. */
export class Migration20261205102000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table \`advice_request\` add column \`related_planned_purchase_id\` text null constraint \`advice_request_related_planned_purchase_id_foreign\` references \`planned_purchase\`(\`id\`) on delete set null on update cascade;`);
    this.addSql(`create index \`advice_request_related_planned_purchase_id_index\` on \`advice_request\` (\`related_planned_purchase_id\`);`);
  }
}
