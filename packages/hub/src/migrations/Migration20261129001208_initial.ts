import { Migration } from '@mikro-orm/migrations';

export class Migration20261129001208 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`organisation\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`siren\` text not null, \`slug\` text not null, \`name\` text not null, \`kind\` text check (\`kind\` in ('AGGLOMERATION', 'COMMUNE', 'OTHER_PUBLIC_BODY')) not null, \`insee_code\` text null, \`population\` integer null, \`reference_code\` text not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`organisation_siren_unique\` on \`organisation\` (\`siren\`);`);
    this.addSql(`create unique index \`organisation_slug_unique\` on \`organisation\` (\`slug\`);`);
    this.addSql(`create unique index \`organisation_reference_code_unique\` on \`organisation\` (\`reference_code\`);`);

    this.addSql(`create table \`outbox_event\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`type\` text not null, \`payload\` json not null, \`occurred_at\` datetime not null, \`dispatched_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create index \`outbox_event_dispatched_at_occurred_at_index\` on \`outbox_event\` (\`dispatched_at\`, \`occurred_at\`);`);

    this.addSql(`create table \`purchasing_family\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`slug\` text not null, \`name\` text not null, \`description\` text not null, \`cpv_prefixes\` json not null, \`position\` integer not null default 0, primary key (\`id\`));`);
    this.addSql(`create unique index \`purchasing_family_slug_unique\` on \`purchasing_family\` (\`slug\`);`);

    this.addSql(`create table \`staff_member\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`email\` text not null, \`name\` text not null, \`organisation_id\` text not null, \`role\` text check (\`role\` in ('ADMIN', 'BUYER', 'VIEWER')) not null, \`password_hash\` text not null, \`active\` integer not null default true, constraint \`staff_member_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`staff_member_email_unique\` on \`staff_member\` (\`email\`);`);
    this.addSql(`create index \`staff_member_organisation_id_index\` on \`staff_member\` (\`organisation_id\`);`);

    this.addSql(`create table \`notice\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`reference\` text not null, \`title\` text not null, \`description\` text not null, \`organisation_id\` text not null, \`nature\` text check (\`nature\` in ('WORKS', 'SUPPLIES', 'SERVICES')) not null, \`procedure\` text check (\`procedure\` in ('ADAPTED', 'OPEN', 'RESTRICTED', 'NEGOTIATED', 'COMPETITIVE_DIALOGUE', 'NEGOTIATED_WITHOUT_PUBLICATION')) not null, \`main_cpv\` text not null, \`additional_cpvs\` json not null, \`family_id\` text null, \`family_chosen_by_buyer\` integer not null default false, \`estimated_value\` double null, \`estimated_value_public\` integer not null default true, \`place_of_performance_insee\` text null, \`submission_deadline\` datetime not null, \`electronic_submission\` integer not null default true, \`published_at\` datetime null, \`closed_at\` datetime null, \`buyer_profile_url\` text not null, \`contact_email\` text not null, \`social_clause\` integer not null default false, \`environmental_clause\` integer not null default false, \`reserved_for\` text check (\`reserved_for\` in ('NONE', 'DISABILITY', 'INSERTION')) not null default 'NONE', \`framework_agreement\` integer not null default false, \`framework_maximum_amount\` double null, \`framework_duration_months\` integer null, \`framework_supplier_mode\` text check (\`framework_supplier_mode\` in ('SINGLE', 'MULTIPLE')) null, \`status\` text check (\`status\` in ('DRAFT', 'PUBLISHED', 'CLOSED', 'AWARDED', 'UNSUCCESSFUL', 'CANCELLED')) not null default 'DRAFT', \`cancelled_at\` datetime null, \`cancellation_reason\` text null, \`search_text\` text not null default '', \`created_by_id\` text not null, \`version\` integer not null default 1, constraint \`notice_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on update cascade, constraint \`notice_family_id_foreign\` foreign key(\`family_id\`) references \`purchasing_family\`(\`id\`) on delete set null on update cascade, constraint \`notice_created_by_id_foreign\` foreign key(\`created_by_id\`) references \`staff_member\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`notice_reference_unique\` on \`notice\` (\`reference\`);`);
    this.addSql(`create index \`notice_organisation_id_index\` on \`notice\` (\`organisation_id\`);`);
    this.addSql(`create index \`notice_family_id_index\` on \`notice\` (\`family_id\`);`);
    this.addSql(`create index \`notice_place_of_performance_insee_index\` on \`notice\` (\`place_of_performance_insee\`);`);
    this.addSql(`create index \`notice_created_by_id_index\` on \`notice\` (\`created_by_id\`);`);
    this.addSql(`create index \`notice_status_published_at_index\` on \`notice\` (\`status\`, \`published_at\`);`);
    this.addSql(`create index \`notice_status_submission_deadline_index\` on \`notice\` (\`status\`, \`submission_deadline\`);`);

    this.addSql(`create table \`lot\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`notice_id\` text not null, \`number\` integer not null, \`title\` text not null, \`cpv\` text not null, \`estimated_value\` double null, \`status\` text check (\`status\` in ('OPEN', 'AWARDED', 'UNSUCCESSFUL', 'CANCELLED')) not null default 'OPEN', \`unsuccessful_reason\` text null, constraint \`lot_notice_id_foreign\` foreign key(\`notice_id\`) references \`notice\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`lot_notice_id_index\` on \`lot\` (\`notice_id\`);`);
    this.addSql(`create unique index \`lot_notice_id_number_unique\` on \`lot\` (\`notice_id\`, \`number\`);`);

    this.addSql(`create table \`award\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`lot_id\` text not null, \`supplier_name\` text not null, \`supplier_siret\` text not null, \`sme\` integer not null, \`supplier_commune\` text null, \`supplier_insee_code\` text null, \`amount\` double not null, \`awarded_on\` text not null, constraint \`award_lot_id_foreign\` foreign key(\`lot_id\`) references \`lot\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`award_lot_id_unique\` on \`award\` (\`lot_id\`);`);

    this.addSql(`create table \`corrigendum\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`notice_id\` text not null, \`published_at\` datetime not null, \`reason\` text not null, \`author_id\` text not null, \`changes\` json not null, constraint \`corrigendum_notice_id_foreign\` foreign key(\`notice_id\`) references \`notice\`(\`id\`) on update cascade, constraint \`corrigendum_author_id_foreign\` foreign key(\`author_id\`) references \`staff_member\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`corrigendum_notice_id_index\` on \`corrigendum\` (\`notice_id\`);`);
    this.addSql(`create index \`corrigendum_author_id_index\` on \`corrigendum\` (\`author_id\`);`);

    this.addSql(`create table \`auth_token\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`token_hash\` text not null, \`staff_member_id\` text not null, \`expires_at\` datetime not null, \`revoked_at\` datetime null, constraint \`auth_token_staff_member_id_foreign\` foreign key(\`staff_member_id\`) references \`staff_member\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`auth_token_token_hash_unique\` on \`auth_token\` (\`token_hash\`);`);
    this.addSql(`create index \`auth_token_staff_member_id_index\` on \`auth_token\` (\`staff_member_id\`);`);

    this.addSql(`create table \`audit_entry\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`actor_id\` text null, \`action\` text not null, \`entity_type\` text not null, \`entity_id\` text not null, \`details\` json null, constraint \`audit_entry_actor_id_foreign\` foreign key(\`actor_id\`) references \`staff_member\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`audit_entry_actor_id_index\` on \`audit_entry\` (\`actor_id\`);`);
    this.addSql(`create index \`audit_entry_entity_type_entity_id_index\` on \`audit_entry\` (\`entity_type\`, \`entity_id\`);`);
  }

}
