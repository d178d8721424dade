import { describeSigkillDurability } from '../test-support/sigkill-durability-suite.js';
import { createTestPostgreSqlDatabase } from '../test-support/postgresql.js';

describeSigkillDurability('PostgreSQL database', () => createTestPostgreSqlDatabase());
