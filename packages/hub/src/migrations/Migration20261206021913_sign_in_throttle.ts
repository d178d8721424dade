import { Migration } from '@mikro-orm/migrations';

/** The sign-in counters (auth/sign-in-throttle.ts): shared by every hub process on the database, kept across restarts. */
export class Migration20261206021913 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`sign_in_throttle\` (\`counter_key\` text not null, \`attempts\` integer not null, \`last_attempt_at\` bigint not null, \`next_allowed_at\` bigint not null, \`known_at\` bigint null, primary key (\`counter_key\`));`);
    this.addSql(`create index \`sign_in_throttle_last_attempt_at_index\` on \`sign_in_throttle\` (\`last_attempt_at\`);`);
  }

}
