import { describeSeveralHubs } from '../test-support/several-hubs-suite.js';
import { createTestPostgreSqlDatabase } from '../test-support/postgresql.js';

describeSeveralHubs('PostgreSQL database', () => createTestPostgreSqlDatabase());
