import { Migration } from '@mikro-orm/migrations';

/**
 * The forward purchasing plan (programmation prévisionnelle des achats). The generator also proposed rebuilding
 * organisation, staff_member, notice, lot, training, enrollment and webhook_delivery unchanged (SQLite schema-diff
 * noise); only the new table is kept.
 */
export class Migration20261205091636 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`planned_purchase\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`reference\` text not null, \`organisation_id\` text not null, \`subject\` text not null, \`description\` text not null default '', \`nature\` text check (\`nature\` in ('WORKS', 'SUPPLIES', 'SERVICES')) not null, \`cpv\` text not null, \`family_id\` text null, \`family_chosen_by_buyer\` integer not null default false, \`launch_year\` integer not null, \`launch_quarter\` integer not null, \`amount_band\` text check (\`amount_band\` in ('BELOW_40K', 'FROM_40K_TO_90K', 'FROM_90K_TO_216K', 'FROM_216K_TO_1M', 'FROM_1M_TO_5M', 'ABOVE_5M')) not null, \`procedure\` text check (\`procedure\` in ('ADAPTED', 'OPEN', 'RESTRICTED', 'NEGOTIATED', 'COMPETITIVE_DIALOGUE', 'NEGOTIATED_WITHOUT_PUBLICATION')) not null, \`place_of_performance_insee\` text null, \`environmental_clause\` integer not null default false, \`social_clause\` integer not null default false, \`reserved_for\` text check (\`reserved_for\` in ('NONE', 'DISABILITY', 'INSERTION')) not null default 'NONE', \`contact_service\` text not null, \`contact_email\` text not null, \`status\` text check (\`status\` in ('DRAFT', 'PUBLISHED', 'WITHDRAWN', 'LAUNCHED')) not null default 'DRAFT', \`published_at\` datetime null, \`withdrawn_at\` datetime null, \`withdrawal_reason\` text null, \`notice_id\` text null, \`launched_at\` datetime null, \`created_by_id\` text not null, \`version\` integer not null default 1, constraint \`planned_purchase_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on update cascade, constraint \`planned_purchase_family_id_foreign\` foreign key(\`family_id\`) references \`purchasing_family\`(\`id\`) on delete set null on update cascade, constraint \`planned_purchase_notice_id_foreign\` foreign key(\`notice_id\`) references \`notice\`(\`id\`) on delete set null on update cascade, constraint \`planned_purchase_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`staff_member\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`planned_purchase_reference_unique\` on \`planned_purchase\` (\`reference\`);`);
    this.addSql(`create index \`planned_purchase_organisation_id_index\` on \`planned_purchase\` (\`organisation_id\`);`);
    this.addSql(`create index \`planned_purchase_family_id_index\` on \`planned_purchase\` (\`family_id\`);`);
    this.addSql(`create unique index \`planned_purchase_notice_id_unique\` on \`planned_purchase\` (\`notice_id\`);`);
    this.addSql(`create index \`planned_purchase_created_by_id_index\` on \`planned_purchase\` (\`created_by_id\`);`);
    this.addSql(`create index \`planned_purchase_status_launch_year_launch_quarter_index\` on \`planned_purchase\` (\`status\`, \`launch_year\`, \`launch_quarter\`);`);
  }
}
