import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One sign-in counter (sign-in-throttle.ts): per e-mail and client address, or per e-mail for unknown addresses.
 * The key is a SHA-256 of the scope, the e-mail and the address, so the table holds no address in clear. Instants
 * are milliseconds since 1970: the counting statement compares and adds them in SQL, alike on SQLite and PostgreSQL.
 */
@Entity({ tableName: 'sign_in_throttle' })
export class SignInThrottle {
  @PrimaryKey({ type: 'string', length: 64 })
  counterKey!: string;

  /** Attempts reserved since the counter last started (a success sets it back to 0). */
  @Property({ type: 'integer' })
  attempts!: number;

  @Property({ type: new BigIntType('number'), index: true })
  lastAttemptAt!: number;

  /** The next attempt is checked only from this instant on. */
  @Property({ type: new BigIntType('number') })
  nextAllowedAt!: number;

  /** For a pair: the last successful sign-in from this address to this e-mail, which makes the address known. */
  @Property({ type: new BigIntType('number'), nullable: true })
  knownAt: number | null = null;
}
