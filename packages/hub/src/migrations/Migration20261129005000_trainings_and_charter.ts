import { Migration } from '@mikro-orm/migrations';

export class Migration20261129005000 extends Migration {

  override async up(): Promise<void> {
    // The role check gains TRAINER: SQLite rebuilds the table. MikroORM's `pragma foreign_keys = off` is a no-op inside
    // the migration's transaction, so the drop would fail on referencing rows and fire their ON DELETE actions.
    // Deferring the checks to the commit lets the renamed copy satisfy them; the one ON DELETE SET NULL action that
    // exists at this point (audit_entry.actor; correspondent, auth_token, notice and corrigendum have none) is undone
    // from a copy taken before the drop.
    this.addSql(`pragma defer_foreign_keys = on;`);
    this.addSql(`create temp table \`audit_actor__keep\` as select \`id\`, \`actor_id\` from \`audit_entry\` where \`actor_id\` is not null;`);
    this.addSql(`create table \`staff_member__temp_alter\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`email\` text not null, \`name\` text not null, \`organisation_id\` text not null, \`role\` text check (\`role\` in ('ADMIN', 'BUYER', 'VIEWER', 'TRAINER')) not null, \`password_hash\` text not null, \`active\` integer not null default true, constraint \`staff_member_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`insert into \`staff_member__temp_alter\` select \`id\`, \`created_at\`, \`updated_at\`, \`email\`, \`name\`, \`organisation_id\`, \`role\`, \`password_hash\`, \`active\` from \`staff_member\`;`);
    this.addSql(`drop table \`staff_member\`;`);
    this.addSql(`alter table \`staff_member__temp_alter\` rename to \`staff_member\`;`);
    this.addSql(`create unique index \`staff_member_email_unique\` on \`staff_member\` (\`email\`);`);
    this.addSql(`create index \`staff_member_organisation_id_index\` on \`staff_member\` (\`organisation_id\`);`);
    this.addSql(`update \`audit_entry\` set \`actor_id\` = (select \`k\`.\`actor_id\` from \`audit_actor__keep\` as \`k\` where \`k\`.\`id\` = \`audit_entry\`.\`id\`) where \`id\` in (select \`id\` from \`audit_actor__keep\`);`);
    this.addSql(`drop table \`audit_actor__keep\`;`);
    this.addSql(`pragma defer_foreign_keys = off;`);

    this.addSql(`create table \`ethics_charter\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`version\` integer not null, \`title\` text not null, \`text\` text not null, \`published_at\` datetime not null, \`published_by_id\` text not null, constraint \`ethics_charter_published_by_id_foreign\` foreign key(\`published_by_id\`) references \`staff_member\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`ethics_charter_version_unique\` on \`ethics_charter\` (\`version\`);`);
    this.addSql(`create index \`ethics_charter_published_by_id_index\` on \`ethics_charter\` (\`published_by_id\`);`);

    this.addSql(`create table \`charter_signature\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`charter_id\` text not null, \`staff_member_id\` text not null, \`signed_at\` datetime not null, constraint \`charter_signature_charter_id_foreign\` foreign key(\`charter_id\`) references \`ethics_charter\`(\`id\`) on update cascade, constraint \`charter_signature_staff_member_id_foreign\` foreign key(\`staff_member_id\`) references \`staff_member\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`charter_signature_charter_id_index\` on \`charter_signature\` (\`charter_id\`);`);
    this.addSql(`create index \`charter_signature_staff_member_id_index\` on \`charter_signature\` (\`staff_member_id\`);`);
    this.addSql(`create unique index \`charter_signature_charter_id_staff_member_id_unique\` on \`charter_signature\` (\`charter_id\`, \`staff_member_id\`);`);

    this.addSql(`create table \`training\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`slug\` text not null, \`title\` text not null, \`topic\` text check (\`topic\` in ('PROCUREMENT_BASICS', 'OFFER_ANALYSIS', 'NEGOTIATION', 'SUSTAINABLE_PROCUREMENT', 'SOCIAL_CLAUSES', 'ETHICS', 'DIGITAL_PROCUREMENT', 'SOURCING', 'CONTRACT_MANAGEMENT', 'OTHER')) not null, \`description\` text not null, \`provider_kind\` text check (\`provider_kind\` in ('INTERNAL', 'EXTERNAL')) not null, \`provider_name\` text not null, \`duration_hours\` double not null, \`active\` integer not null default true, primary key (\`id\`));`);
    this.addSql(`create unique index \`training_slug_unique\` on \`training\` (\`slug\`);`);

    this.addSql(`create table \`training_session\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`training_id\` text not null, \`starts_at\` datetime not null, \`ends_at\` datetime not null, \`place\` text null, \`remote_url\` text null, \`capacity\` integer not null, \`trainer_id\` text null, \`status\` text check (\`status\` in ('SCHEDULED', 'CANCELLED')) not null default 'SCHEDULED', \`cancelled_at\` datetime null, \`cancellation_reason\` text null, \`seat_version\` integer not null default 0, constraint \`training_session_training_id_foreign\` foreign key(\`training_id\`) references \`training\`(\`id\`) on update cascade, constraint \`training_session_trainer_id_foreign\` foreign key(\`trainer_id\`) references \`staff_member\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`training_session_training_id_index\` on \`training_session\` (\`training_id\`);`);
    this.addSql(`create index \`training_session_trainer_id_index\` on \`training_session\` (\`trainer_id\`);`);
    this.addSql(`create index \`training_session_starts_at_index\` on \`training_session\` (\`starts_at\`);`);

    this.addSql(`create table \`enrollment\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`session_id\` text not null, \`staff_member_id\` text not null, \`status\` text check (\`status\` in ('REGISTERED', 'WAITLISTED', 'CANCELLED', 'ATTENDED', 'ABSENT')) not null, \`approval\` text check (\`approval\` in ('PENDING', 'APPROVED', 'REFUSED')) not null, \`queue_position\` integer not null, \`requested_at\` datetime not null, \`cancelled_at\` datetime null, \`attendance_recorded_at\` datetime null, constraint \`enrollment_session_id_foreign\` foreign key(\`session_id\`) references \`training_session\`(\`id\`) on update cascade, constraint \`enrollment_staff_member_id_foreign\` foreign key(\`staff_member_id\`) references \`staff_member\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`enrollment_session_id_index\` on \`enrollment\` (\`session_id\`);`);
    this.addSql(`create index \`enrollment_staff_member_id_index\` on \`enrollment\` (\`staff_member_id\`);`);
    this.addSql(`create unique index \`enrollment_session_id_queue_position_unique\` on \`enrollment\` (\`session_id\`, \`queue_position\`);`);
    this.addSql(`create unique index \`enrollment_session_id_staff_member_id_unique\` on \`enrollment\` (\`session_id\`, \`staff_member_id\`);`);
  }
}
