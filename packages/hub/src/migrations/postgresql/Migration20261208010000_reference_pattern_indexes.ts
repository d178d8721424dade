import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes that answer `reference like '2026-DRA-%'` (the last number of a buyer and year, read for each notice,
 * planned purchase and advice request created, and for each new buyer and year of an import). The references'
 * unique indexes follow the database's linguistic collation, whose order is not the text's prefixes', so PostgreSQL
 * read every reference; a `varchar_pattern_ops` index compares characters, and serves a constant prefix as a range.
 * PostgreSQL only (`POSTGRESQL_ONLY_INDEXES`): SQLite's numbering uses a range of its binary unique index.
 */
export class Migration20261208010000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "notice_reference_pattern_index" on "notice" ("reference" varchar_pattern_ops);`);
    this.addSql(`create index "planned_purchase_reference_pattern_index" on "planned_purchase" ("reference" varchar_pattern_ops);`);
    this.addSql(`create index "advice_request_reference_pattern_index" on "advice_request" ("reference" varchar_pattern_ops);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "advice_request_reference_pattern_index";`);
    this.addSql(`drop index "planned_purchase_reference_pattern_index";`);
    this.addSql(`drop index "notice_reference_pattern_index";`);
  }

}
