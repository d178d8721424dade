import { Migration } from '@mikro-orm/migrations';

/** Advice requests from the communes to the procurement direction, their threads, and the knowledge base. */
export class Migration20261205092122 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table \`advice_request\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`reference\` text not null, \`organisation_id\` text not null, \`asked_by_id\` text not null, \`stage\` text check (\`stage\` in ('NEED', 'SOURCING', 'PROCEDURE', 'DRAFTING', 'ANALYSIS', 'NEGOTIATION', 'EXECUTION')) not null, \`family_id\` text not null, \`subject\` text not null, \`question\` text not null, \`related_notice_id\` text null, \`attachments\` json not null, \`wished_answer_date\` text null, \`state\` text check (\`state\` in ('SUBMITTED', 'ASSIGNED', 'ANSWERED', 'CLOSED')) not null, \`expert_id\` text null, \`submitted_at\` datetime not null, \`assigned_at\` datetime null, \`due_at\` datetime not null, \`first_answered_at\` datetime null, \`last_answered_at\` datetime null, \`closed_at\` datetime null, \`overdue_reminder_for\` datetime null, constraint \`advice_request_organisation_id_foreign\` foreign key(\`organisation_id\`) references \`organisation\`(\`id\`) on update cascade, constraint \`advice_request_asked_by_id_foreign\` foreign key(\`asked_by_id\`) references \`staff_member\`(\`id\`) on update cascade, constraint \`advice_request_family_id_foreign\` foreign key(\`family_id\`) references \`purchasing_family\`(\`id\`) on update cascade, constraint \`advice_request_related_notice_id_foreign\` foreign key(\`related_notice_id\`) references \`notice\`(\`id\`) on delete set null on update cascade, constraint \`advice_request_expert_id_foreign\` foreign key(\`expert_id\`) references \`staff_member\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`advice_request_reference_unique\` on \`advice_request\` (\`reference\`);`);
    this.addSql(`create index \`advice_request_organisation_id_index\` on \`advice_request\` (\`organisation_id\`);`);
    this.addSql(`create index \`advice_request_asked_by_id_index\` on \`advice_request\` (\`asked_by_id\`);`);
    this.addSql(`create index \`advice_request_family_id_index\` on \`advice_request\` (\`family_id\`);`);
    this.addSql(`create index \`advice_request_related_notice_id_index\` on \`advice_request\` (\`related_notice_id\`);`);
    this.addSql(`create index \`advice_request_expert_id_index\` on \`advice_request\` (\`expert_id\`);`);
    this.addSql(`create index \`advice_request_submitted_at_index\` on \`advice_request\` (\`submitted_at\`);`);
    this.addSql(`create index \`advice_request_state_due_at_index\` on \`advice_request\` (\`state\`, \`due_at\`);`);

    this.addSql(`create table \`knowledge_entry\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`request_id\` text not null, \`stage\` text check (\`stage\` in ('NEED', 'SOURCING', 'PROCEDURE', 'DRAFTING', 'ANALYSIS', 'NEGOTIATION', 'EXECUTION')) not null, \`family_id\` text not null, \`title\` text not null, \`question\` text not null, \`answer\` text not null, \`search_text\` text not null, \`published_at\` datetime not null, \`published_by_id\` text not null, constraint \`knowledge_entry_request_id_foreign\` foreign key(\`request_id\`) references \`advice_request\`(\`id\`) on update cascade, constraint \`knowledge_entry_family_id_foreign\` foreign key(\`family_id\`) references \`purchasing_family\`(\`id\`) on update cascade, constraint \`knowledge_entry_published_by_id_foreign\` foreign key(\`published_by_id\`) references \`staff_member\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`knowledge_entry_request_id_unique\` on \`knowledge_entry\` (\`request_id\`);`);
    this.addSql(`create index \`knowledge_entry_family_id_index\` on \`knowledge_entry\` (\`family_id\`);`);
    this.addSql(`create index \`knowledge_entry_published_by_id_index\` on \`knowledge_entry\` (\`published_by_id\`);`);
    this.addSql(`create index \`knowledge_entry_stage_published_at_index\` on \`knowledge_entry\` (\`stage\`, \`published_at\`);`);

    this.addSql(`create table \`advice_message\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`request_id\` text not null, \`author_id\` text not null, \`kind\` text check (\`kind\` in ('MESSAGE', 'ANSWER', 'REOPENING', 'CLOSING')) not null, \`body\` text not null, \`posted_at\` datetime not null, constraint \`advice_message_request_id_foreign\` foreign key(\`request_id\`) references \`advice_request\`(\`id\`) on update cascade, constraint \`advice_message_author_id_foreign\` foreign key(\`author_id\`) references \`staff_member\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`advice_message_request_id_index\` on \`advice_message\` (\`request_id\`);`);
    this.addSql(`create index \`advice_message_author_id_index\` on \`advice_message\` (\`author_id\`);`);
    this.addSql(`create index \`advice_message_request_id_posted_at_index\` on \`advice_message\` (\`request_id\`, \`posted_at\`);`);
  }
}
