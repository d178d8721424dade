import { Migration } from '@mikro-orm/migrations';

/**
 * The whole schema on PostgreSQL as the SQLite set had built it by 2026-12-05 (through Migration20261205121348_alerts),
 * written by `pnpm hub migration create initial` from the entities. Later migrations come in pairs (one per set).
 */

export class Migration20261205134608 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "alert_processed_event" ("event_id" varchar(36) not null, "processed_at" timestamptz not null, constraint "alert_processed_event_pkey" primary key ("event_id"));`);

    this.addSql(`create table "alert_subscription" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "email" varchar(320) not null, "email_key" varchar(64) not null, "criteria" jsonb not null, "frequency" text check ("frequency" in ('IMMEDIATE', 'DAILY')) not null, "confirmed_at" timestamptz null, "confirm_token_hash" varchar(64) null, "confirm_requested_at" timestamptz not null, "manage_token" varchar(64) not null, "last_digest_at" timestamptz null, "mails_sent" int not null default 0, constraint "alert_subscription_pkey" primary key ("id"));`);
    this.addSql(`create index "alert_subscription_email_key_index" on "alert_subscription" ("email_key");`);
    this.addSql(`alter table "alert_subscription" add constraint "alert_subscription_confirm_token_hash_unique" unique ("confirm_token_hash");`);
    this.addSql(`alter table "alert_subscription" add constraint "alert_subscription_manage_token_unique" unique ("manage_token");`);
    this.addSql(`create index "alert_subscription_confirmed_at_frequency_index" on "alert_subscription" ("confirmed_at", "frequency");`);

    this.addSql(`create table "alert_match" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "subscription_id" varchar(36) not null, "event_id" varchar(36) not null, "notice_reference" varchar(40) not null, "reason" text check ("reason" in ('PUBLISHED', 'CORRECTED', 'CANCELLED')) not null, "mailed_at" timestamptz null, constraint "alert_match_pkey" primary key ("id"));`);
    this.addSql(`create index "alert_match_notice_reference_reason_index" on "alert_match" ("notice_reference", "reason");`);
    this.addSql(`create index "alert_match_subscription_id_mailed_at_index" on "alert_match" ("subscription_id", "mailed_at");`);
    this.addSql(`alter table "alert_match" add constraint "alert_match_subscription_id_event_id_unique" unique ("subscription_id", "event_id");`);

    this.addSql(`create table "mail_address" ("key" varchar(64) not null, "hard_bounces" int not null default 0, "last_bounce_at" timestamptz null, "failed_at" timestamptz null, constraint "mail_address_pkey" primary key ("key"));`);

    this.addSql(`create table "mail_message" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "kind" varchar(60) not null, "recipient" varchar(320) not null, "recipient_key" varchar(64) not null, "subject" varchar(300) not null, "text" text not null, "html" text null, "headers" jsonb not null, "status" text check ("status" in ('PENDING', 'SENT', 'FAILED', 'SUPPRESSED')) not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz null, "last_error" varchar(500) null, "sent_at" timestamptz null, constraint "mail_message_pkey" primary key ("id"));`);
    this.addSql(`create index "mail_message_recipient_key_index" on "mail_message" ("recipient_key");`);
    this.addSql(`create index "mail_message_status_next_attempt_at_index" on "mail_message" ("status", "next_attempt_at");`);

    this.addSql(`create table "organisation" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "siren" varchar(9) not null, "siret" varchar(14) null, "slug" varchar(120) not null, "name" varchar(200) not null, "kind" text check ("kind" in ('AGGLOMERATION', 'COMMUNE', 'OTHER_PUBLIC_BODY')) not null, "insee_code" varchar(5) null, "population" int null, "reference_code" varchar(3) not null, constraint "organisation_pkey" primary key ("id"));`);
    this.addSql(`alter table "organisation" add constraint "organisation_siren_unique" unique ("siren");`);
    this.addSql(`alter table "organisation" add constraint "organisation_slug_unique" unique ("slug");`);
    this.addSql(`alter table "organisation" add constraint "organisation_reference_code_unique" unique ("reference_code");`);

    this.addSql(`create table "outbox_event" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "type" varchar(80) not null, "payload" jsonb not null, "occurred_at" timestamptz not null, "dispatched_at" timestamptz null, constraint "outbox_event_pkey" primary key ("id"));`);
    this.addSql(`create index "outbox_event_dispatched_at_occurred_at_index" on "outbox_event" ("dispatched_at", "occurred_at");`);

    this.addSql(`create table "purchasing_family" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "slug" varchar(80) not null, "name" varchar(200) not null, "description" text not null, "cpv_prefixes" jsonb not null, "position" int not null default 0, constraint "purchasing_family_pkey" primary key ("id"));`);
    this.addSql(`alter table "purchasing_family" add constraint "purchasing_family_slug_unique" unique ("slug");`);

    this.addSql(`create table "purchasing_group" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "subject" varchar(300) not null, "coordinator_id" varchar(36) not null, "agreement_start" varchar(10) not null, "agreement_end" varchar(10) null, "documents_url" varchar(500) null, constraint "purchasing_group_pkey" primary key ("id"));`);

    this.addSql(`create table "purchasing_group_member" ("purchasing_group_id" varchar(36) not null, "organisation_id" varchar(36) not null, constraint "purchasing_group_member_pkey" primary key ("purchasing_group_id", "organisation_id"));`);

    this.addSql(`create table "staff_member" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "email" varchar(254) not null, "name" varchar(200) not null, "organisation_id" varchar(36) not null, "role" text check ("role" in ('ADMIN', 'BUYER', 'VIEWER', 'TRAINER')) not null, "password_hash" varchar(200) not null, "active" boolean not null default true, constraint "staff_member_pkey" primary key ("id"));`);
    this.addSql(`alter table "staff_member" add constraint "staff_member_email_unique" unique ("email");`);

    this.addSql(`create table "notice" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "reference" varchar(20) not null, "title" varchar(300) not null, "description" text not null, "organisation_id" varchar(36) not null, "nature" text check ("nature" in ('WORKS', 'SUPPLIES', 'SERVICES')) not null, "procedure" text check ("procedure" in ('ADAPTED', 'OPEN', 'RESTRICTED', 'NEGOTIATED', 'COMPETITIVE_DIALOGUE', 'NEGOTIATED_WITHOUT_PUBLICATION')) not null, "main_cpv" varchar(10) not null, "additional_cpvs" jsonb not null, "family_id" varchar(36) null, "family_chosen_by_buyer" boolean not null default false, "estimated_value" double precision null, "estimated_value_public" boolean not null default true, "place_of_performance_insee" varchar(5) null, "submission_deadline" timestamptz not null, "electronic_submission" boolean not null default true, "published_at" timestamptz null, "closed_at" timestamptz null, "buyer_profile_url" varchar(500) not null, "contact_email" varchar(254) not null, "social_clause" boolean not null default false, "environmental_clause" boolean not null default false, "reserved_for" text check ("reserved_for" in ('NONE', 'DISABILITY', 'INSERTION')) not null default 'NONE', "framework_agreement" boolean not null default false, "framework_maximum_amount" double precision null, "framework_duration_months" int null, "framework_supplier_mode" text check ("framework_supplier_mode" in ('SINGLE', 'MULTIPLE')) null, "purchasing_group_id" varchar(36) null, "status" text check ("status" in ('DRAFT', 'PUBLISHED', 'CLOSED', 'AWARDED', 'UNSUCCESSFUL', 'CANCELLED')) not null default 'DRAFT', "cancelled_at" timestamptz null, "cancellation_reason" text null, "search_text" text not null default '', "created_by_id" varchar(36) not null, "source_system" varchar(10) null, "source_id" varchar(120) null, "imported_at" timestamptz null, "version" int not null default 1, constraint "notice_pkey" primary key ("id"));`);
    this.addSql(`alter table "notice" add constraint "notice_reference_unique" unique ("reference");`);
    this.addSql(`create index "notice_place_of_performance_insee_index" on "notice" ("place_of_performance_insee");`);
    this.addSql(`create index "notice_published_at_reference_index" on "notice" ("published_at", "reference");`);
    this.addSql(`create index "notice_submission_deadline_reference_index" on "notice" ("submission_deadline", "reference");`);
    this.addSql(`create index "notice_status_published_at_index" on "notice" ("status", "published_at");`);
    this.addSql(`create index "notice_status_submission_deadline_index" on "notice" ("status", "submission_deadline");`);
    this.addSql(`alter table "notice" add constraint "notice_source_system_source_id_unique" unique ("source_system", "source_id");`);

    this.addSql(`create table "planned_purchase" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "reference" varchar(24) not null, "organisation_id" varchar(36) not null, "subject" varchar(300) not null, "description" text not null default '', "nature" text check ("nature" in ('WORKS', 'SUPPLIES', 'SERVICES')) not null, "cpv" varchar(10) not null, "family_id" varchar(36) null, "family_chosen_by_buyer" boolean not null default false, "launch_year" int not null, "launch_quarter" int not null, "amount_band" text check ("amount_band" in ('BELOW_40K', 'FROM_40K_TO_90K', 'FROM_90K_TO_216K', 'FROM_216K_TO_1M', 'FROM_1M_TO_5M', 'ABOVE_5M')) not null, "procedure" text check ("procedure" in ('ADAPTED', 'OPEN', 'RESTRICTED', 'NEGOTIATED', 'COMPETITIVE_DIALOGUE', 'NEGOTIATED_WITHOUT_PUBLICATION')) not null, "place_of_performance_insee" varchar(5) null, "environmental_clause" boolean not null default false, "social_clause" boolean not null default false, "reserved_for" text check ("reserved_for" in ('NONE', 'DISABILITY', 'INSERTION')) not null default 'NONE', "contact_service" varchar(200) not null, "contact_email" varchar(254) not null, "status" text check ("status" in ('DRAFT', 'PUBLISHED', 'WITHDRAWN', 'LAUNCHED')) not null default 'DRAFT', "published_at" timestamptz null, "withdrawn_at" timestamptz null, "withdrawal_reason" text null, "notice_id" varchar(36) null, "launched_at" timestamptz null, "created_by_id" varchar(36) not null, "version" int not null default 1, constraint "planned_purchase_pkey" primary key ("id"));`);
    this.addSql(`alter table "planned_purchase" add constraint "planned_purchase_reference_unique" unique ("reference");`);
    this.addSql(`alter table "planned_purchase" add constraint "planned_purchase_notice_id_unique" unique ("notice_id");`);
    this.addSql(`create index "planned_purchase_status_launch_year_launch_quarter_index" on "planned_purchase" ("status", "launch_year", "launch_quarter");`);

    this.addSql(`create table "lot" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "notice_id" varchar(36) not null, "number" int not null, "title" varchar(300) not null, "cpv" varchar(10) not null, "estimated_value" double precision null, "status" text check ("status" in ('OPEN', 'AWARDED', 'UNSUCCESSFUL', 'CANCELLED')) not null default 'OPEN', "unsuccessful_reason" text null, constraint "lot_pkey" primary key ("id"));`);
    this.addSql(`alter table "lot" add constraint "lot_notice_id_number_unique" unique ("notice_id", "number");`);

    this.addSql(`create table "award" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "lot_id" varchar(36) not null, "supplier_name" varchar(300) not null, "supplier_siret" varchar(14) null, "sme" boolean null, "supplier_commune" varchar(200) null, "supplier_insee_code" varchar(5) null, "amount" double precision null, "co_suppliers" jsonb not null, "contract" jsonb null, "awarded_on" varchar(10) not null, constraint "award_pkey" primary key ("id"));`);
    this.addSql(`alter table "award" add constraint "award_lot_id_unique" unique ("lot_id");`);

    this.addSql(`create table "framework_order" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "notice_id" varchar(36) not null, "lot_number" int not null, "reference" varchar(60) not null, "supplier_name" varchar(300) not null, "supplier_siret" varchar(14) not null, "amount" double precision not null, "ordered_on" varchar(10) not null, constraint "framework_order_pkey" primary key ("id"));`);
    this.addSql(`alter table "framework_order" add constraint "framework_order_notice_id_reference_unique" unique ("notice_id", "reference");`);

    this.addSql(`create table "ethics_charter" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null, "title" varchar(200) not null, "text" text not null, "published_at" timestamptz not null, "published_by_id" varchar(36) not null, constraint "ethics_charter_pkey" primary key ("id"));`);
    this.addSql(`alter table "ethics_charter" add constraint "ethics_charter_version_unique" unique ("version");`);

    this.addSql(`create table "corrigendum" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "notice_id" varchar(36) not null, "published_at" timestamptz not null, "reason" text not null, "author_id" varchar(36) not null, "changes" jsonb not null, constraint "corrigendum_pkey" primary key ("id"));`);

    this.addSql(`create table "correspondent" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "staff_member_id" varchar(36) not null, "family_id" varchar(36) not null, "organisation_id" varchar(36) not null, constraint "correspondent_pkey" primary key ("id"));`);
    this.addSql(`alter table "correspondent" add constraint "correspondent_staff_member_id_family_id_unique" unique ("staff_member_id", "family_id");`);

    this.addSql(`create table "charter_signature" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "charter_id" varchar(36) not null, "staff_member_id" varchar(36) not null, "signed_at" timestamptz not null, constraint "charter_signature_pkey" primary key ("id"));`);
    this.addSql(`alter table "charter_signature" add constraint "charter_signature_charter_id_staff_member_id_unique" unique ("charter_id", "staff_member_id");`);

    this.addSql(`create table "auth_token" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "token_hash" varchar(64) not null, "staff_member_id" varchar(36) not null, "expires_at" timestamptz not null, "revoked_at" timestamptz null, constraint "auth_token_pkey" primary key ("id"));`);
    this.addSql(`alter table "auth_token" add constraint "auth_token_token_hash_unique" unique ("token_hash");`);

    this.addSql(`create table "audit_entry" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "actor_id" varchar(36) null, "action" varchar(80) not null, "entity_type" varchar(80) not null, "entity_id" varchar(36) not null, "details" jsonb null, constraint "audit_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_entry_entity_type_entity_id_index" on "audit_entry" ("entity_type", "entity_id");`);

    this.addSql(`create table "advice_request" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "reference" varchar(24) not null, "organisation_id" varchar(36) not null, "asked_by_id" varchar(36) not null, "stage" text check ("stage" in ('NEED', 'SOURCING', 'PROCEDURE', 'DRAFTING', 'ANALYSIS', 'NEGOTIATION', 'EXECUTION')) not null, "family_id" varchar(36) not null, "subject" varchar(200) not null, "question" text not null, "related_notice_id" varchar(36) null, "related_planned_purchase_id" varchar(36) null, "attachments" jsonb not null, "wished_answer_date" varchar(10) null, "state" text check ("state" in ('SUBMITTED', 'ASSIGNED', 'ANSWERED', 'CLOSED')) not null, "expert_id" varchar(36) null, "submitted_at" timestamptz not null, "assigned_at" timestamptz null, "due_at" timestamptz not null, "first_answered_at" timestamptz null, "last_answered_at" timestamptz null, "closed_at" timestamptz null, "overdue_reminder_for" timestamptz null, constraint "advice_request_pkey" primary key ("id"));`);
    this.addSql(`alter table "advice_request" add constraint "advice_request_reference_unique" unique ("reference");`);
    this.addSql(`create index "advice_request_submitted_at_index" on "advice_request" ("submitted_at");`);
    this.addSql(`create index "advice_request_state_due_at_index" on "advice_request" ("state", "due_at");`);

    this.addSql(`create table "knowledge_entry" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "request_id" varchar(36) not null, "stage" text check ("stage" in ('NEED', 'SOURCING', 'PROCEDURE', 'DRAFTING', 'ANALYSIS', 'NEGOTIATION', 'EXECUTION')) not null, "family_id" varchar(36) not null, "title" varchar(200) not null, "question" text not null, "answer" text not null, "search_text" text not null, "published_at" timestamptz not null, "published_by_id" varchar(36) not null, constraint "knowledge_entry_pkey" primary key ("id"));`);
    this.addSql(`alter table "knowledge_entry" add constraint "knowledge_entry_request_id_unique" unique ("request_id");`);
    this.addSql(`create index "knowledge_entry_stage_published_at_index" on "knowledge_entry" ("stage", "published_at");`);

    this.addSql(`create table "advice_message" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "request_id" varchar(36) not null, "author_id" varchar(36) not null, "kind" text check ("kind" in ('MESSAGE', 'ANSWER', 'REOPENING', 'CLOSING')) not null, "body" text not null, "posted_at" timestamptz not null, constraint "advice_message_pkey" primary key ("id"));`);
    this.addSql(`create index "advice_message_request_id_posted_at_index" on "advice_message" ("request_id", "posted_at");`);

    this.addSql(`create table "training" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "slug" varchar(120) not null, "title" varchar(200) not null, "topic" text check ("topic" in ('PROCUREMENT_BASICS', 'OFFER_ANALYSIS', 'NEGOTIATION', 'SUSTAINABLE_PROCUREMENT', 'SOCIAL_CLAUSES', 'ETHICS', 'DIGITAL_PROCUREMENT', 'SOURCING', 'CONTRACT_MANAGEMENT', 'OTHER')) not null, "description" text not null, "provider_kind" text check ("provider_kind" in ('INTERNAL', 'EXTERNAL')) not null, "provider_name" varchar(200) not null, "duration_hours" double precision not null, "active" boolean not null default true, constraint "training_pkey" primary key ("id"));`);
    this.addSql(`alter table "training" add constraint "training_slug_unique" unique ("slug");`);

    this.addSql(`create table "training_session" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "training_id" varchar(36) not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "place" varchar(300) null, "remote_url" varchar(500) null, "capacity" int not null, "trainer_id" varchar(36) null, "status" text check ("status" in ('SCHEDULED', 'CANCELLED')) not null default 'SCHEDULED', "cancelled_at" timestamptz null, "cancellation_reason" text null, "seat_version" int not null default 0, constraint "training_session_pkey" primary key ("id"));`);
    this.addSql(`create index "training_session_starts_at_index" on "training_session" ("starts_at");`);

    this.addSql(`create table "enrollment" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "session_id" varchar(36) not null, "staff_member_id" varchar(36) not null, "status" text check ("status" in ('REGISTERED', 'WAITLISTED', 'CANCELLED', 'ATTENDED', 'ABSENT')) not null, "approval" text check ("approval" in ('PENDING', 'APPROVED', 'REFUSED')) not null, "queue_position" int not null, "requested_at" timestamptz not null, "cancelled_at" timestamptz null, "attendance_recorded_at" timestamptz null, constraint "enrollment_pkey" primary key ("id"));`);
    this.addSql(`alter table "enrollment" add constraint "enrollment_session_id_queue_position_unique" unique ("session_id", "queue_position");`);
    this.addSql(`alter table "enrollment" add constraint "enrollment_session_id_staff_member_id_unique" unique ("session_id", "staff_member_id");`);

    this.addSql(`create table "webhook_endpoint" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "url" varchar(2000) not null, "event_types" jsonb not null, "active" boolean not null default true, "description" varchar(500) not null default '', "disabled_reason" varchar(500) null, "secret" varchar(200) not null, "previous_secret" varchar(200) null, "previous_secret_expires_at" timestamptz null, "dispatch_lease_owner" varchar(200) null, "dispatch_lease_expires_at" timestamptz null, constraint "webhook_endpoint_pkey" primary key ("id"));`);
    this.addSql(`alter table "webhook_endpoint" add constraint "webhook_endpoint_url_unique" unique ("url");`);

    this.addSql(`create table "webhook_delivery" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "endpoint_id" varchar(36) not null, "event_id" varchar(36) not null, "event_type" varchar(80) not null, "status" text check ("status" in ('PENDING', 'SUCCEEDED', 'FAILED')) not null default 'PENDING', "attempts" int not null default 0, "round_attempts" int not null default 0, "round_started_at" timestamptz not null, "next_attempt_at" timestamptz null, "last_error" varchar(500) null, "delivered_at" timestamptz null, constraint "webhook_delivery_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_status_next_attempt_at_index" on "webhook_delivery" ("status", "next_attempt_at");`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_event_id_endpoint_id_unique" unique ("event_id", "endpoint_id");`);

    this.addSql(`create table "webhook_attempt" ("id" varchar(36) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "delivery_id" varchar(36) not null, "at" timestamptz not null, "http_status" int null, "error" varchar(500) null, "duration_ms" int not null, "response_excerpt" varchar(500) null, constraint "webhook_attempt_pkey" primary key ("id"));`);

    this.addSql(`alter table "alert_match" add constraint "alert_match_subscription_id_foreign" foreign key ("subscription_id") references "alert_subscription" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "purchasing_group" add constraint "purchasing_group_coordinator_id_foreign" foreign key ("coordinator_id") references "organisation" ("id") on update cascade;`);

    this.addSql(`alter table "purchasing_group_member" add constraint "purchasing_group_member_purchasing_group_id_foreign" foreign key ("purchasing_group_id") references "purchasing_group" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "purchasing_group_member" add constraint "purchasing_group_member_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "staff_member" add constraint "staff_member_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`);

    this.addSql(`alter table "notice" add constraint "notice_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`);
    this.addSql(`alter table "notice" add constraint "notice_family_id_foreign" foreign key ("family_id") references "purchasing_family" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "notice" add constraint "notice_purchasing_group_id_foreign" foreign key ("purchasing_group_id") references "purchasing_group" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "notice" add constraint "notice_created_by_id_foreign" foreign key ("created_by_id") references "staff_member" ("id") on update cascade;`);

    this.addSql(`alter table "planned_purchase" add constraint "planned_purchase_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`);
    this.addSql(`alter table "planned_purchase" add constraint "planned_purchase_family_id_foreign" foreign key ("family_id") references "purchasing_family" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "planned_purchase" add constraint "planned_purchase_notice_id_foreign" foreign key ("notice_id") references "notice" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "planned_purchase" add constraint "planned_purchase_created_by_id_foreign" foreign key ("created_by_id") references "staff_member" ("id") on update cascade;`);

    this.addSql(`alter table "lot" add constraint "lot_notice_id_foreign" foreign key ("notice_id") references "notice" ("id") on update cascade;`);

    this.addSql(`alter table "award" add constraint "award_lot_id_foreign" foreign key ("lot_id") references "lot" ("id") on update cascade;`);

    this.addSql(`alter table "framework_order" add constraint "framework_order_notice_id_foreign" foreign key ("notice_id") references "notice" ("id") on update cascade;`);

    this.addSql(`alter table "ethics_charter" add constraint "ethics_charter_published_by_id_foreign" foreign key ("published_by_id") references "staff_member" ("id") on update cascade;`);

    this.addSql(`alter table "corrigendum" add constraint "corrigendum_notice_id_foreign" foreign key ("notice_id") references "notice" ("id") on update cascade;`);
    this.addSql(`alter table "corrigendum" add constraint "corrigendum_author_id_foreign" foreign key ("author_id") references "staff_member" ("id") on update cascade;`);

    this.addSql(`alter table "correspondent" add constraint "correspondent_staff_member_id_foreign" foreign key ("staff_member_id") references "staff_member" ("id") on update cascade;`);
    this.addSql(`alter table "correspondent" add constraint "correspondent_family_id_foreign" foreign key ("family_id") references "purchasing_family" ("id") on update cascade;`);
    this.addSql(`alter table "correspondent" add constraint "correspondent_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`);

    this.addSql(`alter table "charter_signature" add constraint "charter_signature_charter_id_foreign" foreign key ("charter_id") references "ethics_charter" ("id") on update cascade;`);
    this.addSql(`alter table "charter_signature" add constraint "charter_signature_staff_member_id_foreign" foreign key ("staff_member_id") references "staff_member" ("id") on update cascade;`);

    this.addSql(`alter table "auth_token" add constraint "auth_token_staff_member_id_foreign" foreign key ("staff_member_id") references "staff_member" ("id") on update cascade;`);

    this.addSql(`alter table "audit_entry" add constraint "audit_entry_actor_id_foreign" foreign key ("actor_id") references "staff_member" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "advice_request" add constraint "advice_request_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`);
    this.addSql(`alter table "advice_request" add constraint "advice_request_asked_by_id_foreign" foreign key ("asked_by_id") references "staff_member" ("id") on update cascade;`);
    this.addSql(`alter table "advice_request" add constraint "advice_request_family_id_foreign" foreign key ("family_id") references "purchasing_family" ("id") on update cascade;`);
    this.addSql(`alter table "advice_request" add constraint "advice_request_related_notice_id_foreign" foreign key ("related_notice_id") references "notice" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "advice_request" add constraint "advice_request_related_planned_purchase_id_foreign" foreign key ("related_planned_purchase_id") references "planned_purchase" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "advice_request" add constraint "advice_request_expert_id_foreign" foreign key ("expert_id") references "staff_member" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "knowledge_entry" add constraint "knowledge_entry_request_id_foreign" foreign key ("request_id") references "advice_request" ("id") on update cascade;`);
    this.addSql(`alter table "knowledge_entry" add constraint "knowledge_entry_family_id_foreign" foreign key ("family_id") references "purchasing_family" ("id") on update cascade;`);
    this.addSql(`alter table "knowledge_entry" add constraint "knowledge_entry_published_by_id_foreign" foreign key ("published_by_id") references "staff_member" ("id") on update cascade;`);

    this.addSql(`alter table "advice_message" add constraint "advice_message_request_id_foreign" foreign key ("request_id") references "advice_request" ("id") on update cascade;`);
    this.addSql(`alter table "advice_message" add constraint "advice_message_author_id_foreign" foreign key ("author_id") references "staff_member" ("id") on update cascade;`);

    this.addSql(`alter table "training_session" add constraint "training_session_training_id_foreign" foreign key ("training_id") references "training" ("id") on update cascade;`);
    this.addSql(`alter table "training_session" add constraint "training_session_trainer_id_foreign" foreign key ("trainer_id") references "staff_member" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "enrollment" add constraint "enrollment_session_id_foreign" foreign key ("session_id") references "training_session" ("id") on update cascade;`);
    this.addSql(`alter table "enrollment" add constraint "enrollment_staff_member_id_foreign" foreign key ("staff_member_id") references "staff_member" ("id") on update cascade;`);

    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_event_id_foreign" foreign key ("event_id") references "outbox_event" ("id") on update cascade;`);

    this.addSql(`alter table "webhook_attempt" add constraint "webhook_attempt_delivery_id_foreign" foreign key ("delivery_id") references "webhook_delivery" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "alert_match" drop constraint "alert_match_subscription_id_foreign";`);

    this.addSql(`alter table "purchasing_group" drop constraint "purchasing_group_coordinator_id_foreign";`);

    this.addSql(`alter table "purchasing_group_member" drop constraint "purchasing_group_member_organisation_id_foreign";`);

    this.addSql(`alter table "staff_member" drop constraint "staff_member_organisation_id_foreign";`);

    this.addSql(`alter table "notice" drop constraint "notice_organisation_id_foreign";`);

    this.addSql(`alter table "planned_purchase" drop constraint "planned_purchase_organisation_id_foreign";`);

    this.addSql(`alter table "correspondent" drop constraint "correspondent_organisation_id_foreign";`);

    this.addSql(`alter table "advice_request" drop constraint "advice_request_organisation_id_foreign";`);

    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_event_id_foreign";`);

    this.addSql(`alter table "notice" drop constraint "notice_family_id_foreign";`);

    this.addSql(`alter table "planned_purchase" drop constraint "planned_purchase_family_id_foreign";`);

    this.addSql(`alter table "correspondent" drop constraint "correspondent_family_id_foreign";`);

    this.addSql(`alter table "advice_request" drop constraint "advice_request_family_id_foreign";`);

    this.addSql(`alter table "knowledge_entry" drop constraint "knowledge_entry_family_id_foreign";`);

    this.addSql(`alter table "purchasing_group_member" drop constraint "purchasing_group_member_purchasing_group_id_foreign";`);

    this.addSql(`alter table "notice" drop constraint "notice_purchasing_group_id_foreign";`);

    this.addSql(`alter table "notice" drop constraint "notice_created_by_id_foreign";`);

    this.addSql(`alter table "planned_purchase" drop constraint "planned_purchase_created_by_id_foreign";`);

    this.addSql(`alter table "ethics_charter" drop constraint "ethics_charter_published_by_id_foreign";`);

    this.addSql(`alter table "corrigendum" drop constraint "corrigendum_author_id_foreign";`);

    this.addSql(`alter table "correspondent" drop constraint "correspondent_staff_member_id_foreign";`);

    this.addSql(`alter table "charter_signature" drop constraint "charter_signature_staff_member_id_foreign";`);

    this.addSql(`alter table "auth_token" drop constraint "auth_token_staff_member_id_foreign";`);

    this.addSql(`alter table "audit_entry" drop constraint "audit_entry_actor_id_foreign";`);

    this.addSql(`alter table "advice_request" drop constraint "advice_request_asked_by_id_foreign";`);

    this.addSql(`alter table "advice_request" drop constraint "advice_request_expert_id_foreign";`);

    this.addSql(`alter table "knowledge_entry" drop constraint "knowledge_entry_published_by_id_foreign";`);

    this.addSql(`alter table "advice_message" drop constraint "advice_message_author_id_foreign";`);

    this.addSql(`alter table "training_session" drop constraint "training_session_trainer_id_foreign";`);

    this.addSql(`alter table "enrollment" drop constraint "enrollment_staff_member_id_foreign";`);

    this.addSql(`alter table "planned_purchase" drop constraint "planned_purchase_notice_id_foreign";`);

    this.addSql(`alter table "lot" drop constraint "lot_notice_id_foreign";`);

    this.addSql(`alter table "framework_order" drop constraint "framework_order_notice_id_foreign";`);

    this.addSql(`alter table "corrigendum" drop constraint "corrigendum_notice_id_foreign";`);

    this.addSql(`alter table "advice_request" drop constraint "advice_request_related_notice_id_foreign";`);

    this.addSql(`alter table "advice_request" drop constraint "advice_request_related_planned_purchase_id_foreign";`);

    this.addSql(`alter table "award" drop constraint "award_lot_id_foreign";`);

    this.addSql(`alter table "charter_signature" drop constraint "charter_signature_charter_id_foreign";`);

    this.addSql(`alter table "knowledge_entry" drop constraint "knowledge_entry_request_id_foreign";`);

    this.addSql(`alter table "advice_message" drop constraint "advice_message_request_id_foreign";`);

    this.addSql(`alter table "training_session" drop constraint "training_session_training_id_foreign";`);

    this.addSql(`alter table "enrollment" drop constraint "enrollment_session_id_foreign";`);

    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_endpoint_id_foreign";`);

    this.addSql(`alter table "webhook_attempt" drop constraint "webhook_attempt_delivery_id_foreign";`);

    this.addSql(`drop table if exists "alert_processed_event" cascade;`);

    this.addSql(`drop table if exists "alert_subscription" cascade;`);

    this.addSql(`drop table if exists "alert_match" cascade;`);

    this.addSql(`drop table if exists "mail_address" cascade;`);

    this.addSql(`drop table if exists "mail_message" cascade;`);

    this.addSql(`drop table if exists "organisation" cascade;`);

    this.addSql(`drop table if exists "outbox_event" cascade;`);

    this.addSql(`drop table if exists "purchasing_family" cascade;`);

    this.addSql(`drop table if exists "purchasing_group" cascade;`);

    this.addSql(`drop table if exists "purchasing_group_member" cascade;`);

    this.addSql(`drop table if exists "staff_member" cascade;`);

    this.addSql(`drop table if exists "notice" cascade;`);

    this.addSql(`drop table if exists "planned_purchase" cascade;`);

    this.addSql(`drop table if exists "lot" cascade;`);

    this.addSql(`drop table if exists "award" cascade;`);

    this.addSql(`drop table if exists "framework_order" cascade;`);

    this.addSql(`drop table if exists "ethics_charter" cascade;`);

    this.addSql(`drop table if exists "corrigendum" cascade;`);

    this.addSql(`drop table if exists "correspondent" cascade;`);

    this.addSql(`drop table if exists "charter_signature" cascade;`);

    this.addSql(`drop table if exists "auth_token" cascade;`);

    this.addSql(`drop table if exists "audit_entry" cascade;`);

    this.addSql(`drop table if exists "advice_request" cascade;`);

    this.addSql(`drop table if exists "knowledge_entry" cascade;`);

    this.addSql(`drop table if exists "advice_message" cascade;`);

    this.addSql(`drop table if exists "training" cascade;`);

    this.addSql(`drop table if exists "training_session" cascade;`);

    this.addSql(`drop table if exists "enrollment" cascade;`);

    this.addSql(`drop table if exists "webhook_endpoint" cascade;`);

    this.addSql(`drop table if exists "webhook_delivery" cascade;`);

    this.addSql(`drop table if exists "webhook_attempt" cascade;`);
  }

}
