import { Migration } from '@mikro-orm/migrations';

/** Webhook endpoints, their deliveries (one per outbox event and matching endpoint) and the attempts of each. */
export class Migration20261129004323 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`webhook_endpoint\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`url\` text not null, \`event_types\` json not null, \`active\` integer not null default true, \`description\` text not null default '', \`disabled_reason\` text null, \`secret\` text not null, \`previous_secret\` text null, \`previous_secret_expires_at\` datetime null, primary key (\`id\`));`);
    this.addSql(`create unique index \`webhook_endpoint_url_unique\` on \`webhook_endpoint\` (\`url\`);`);
    this.addSql(`create table \`webhook_delivery\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`endpoint_id\` text not null, \`event_id\` text not null, \`event_type\` text not null, \`status\` text check (\`status\` in ('PENDING', 'SUCCEEDED', 'FAILED')) not null default 'PENDING', \`attempts\` integer not null default 0, \`round_attempts\` integer not null default 0, \`round_started_at\` datetime not null, \`next_attempt_at\` datetime null, \`last_error\` text null, \`delivered_at\` datetime null, constraint \`webhook_delivery_endpoint_id_foreign\` foreign key(\`endpoint_id\`) references \`webhook_endpoint\`(\`id\`) on delete cascade on update cascade, constraint \`webhook_delivery_event_id_foreign\` foreign key(\`event_id\`) references \`outbox_event\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`webhook_delivery_endpoint_id_index\` on \`webhook_delivery\` (\`endpoint_id\`);`);
    this.addSql(`create index \`webhook_delivery_event_id_index\` on \`webhook_delivery\` (\`event_id\`);`);
    this.addSql(`create index \`webhook_delivery_status_next_attempt_at_index\` on \`webhook_delivery\` (\`status\`, \`next_attempt_at\`);`);
    this.addSql(`create unique index \`webhook_delivery_event_id_endpoint_id_unique\` on \`webhook_delivery\` (\`event_id\`, \`endpoint_id\`);`);
    this.addSql(`create table \`webhook_attempt\` (\`id\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, \`delivery_id\` text not null, \`at\` datetime not null, \`http_status\` integer null, \`error\` text null, \`duration_ms\` integer not null, \`response_excerpt\` text null, constraint \`webhook_attempt_delivery_id_foreign\` foreign key(\`delivery_id\`) references \`webhook_delivery\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`webhook_attempt_delivery_id_index\` on \`webhook_attempt\` (\`delivery_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`webhook_attempt\`;`);
    this.addSql(`drop table if exists \`webhook_delivery\`;`);
    this.addSql(`drop table if exists \`webhook_endpoint\`;`);
  }

}
