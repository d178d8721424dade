import { join } from 'node:path';
import { describeSeveralHubs } from '../test-support/several-hubs-suite.js';

describeSeveralHubs('SQLite file', async (dir) => `sqlite:${join(dir, 'hub.sqlite')}`);
