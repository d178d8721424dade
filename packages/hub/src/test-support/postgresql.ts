import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createPostgreSqlDatabase } from '../db/temporary-postgresql.js';

/** Which database the hub tests of this Vitest project run on: `postgresql` in the project of that name. */
export function testDatabaseKind(): 'sqlite' | 'postgresql' {
  return process.env.HUB_TEST_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite';
}

/** A new empty database in the run's temporary cluster (see postgresql.global-setup.ts); its DATABASE_URL. */
export async function createTestPostgreSqlDatabase(): Promise<string> {
  const cluster = inject('postgresql');
  if (!cluster) throw new Error('no PostgreSQL cluster: run this test in the postgresql Vitest project');
  return createPostgreSqlDatabase(cluster.bin, cluster.socketDir, `hub_${randomBytes(6).toString('hex')}`);
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by postgresql.global-setup.ts in the postgresql project. */
    postgresql: { bin: string; socketDir: string } | null;
  }
}
