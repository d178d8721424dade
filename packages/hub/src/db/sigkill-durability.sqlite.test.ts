import { join } from 'node:path';
import { describeSigkillDurability } from '../test-support/sigkill-durability-suite.js';

describeSigkillDurability('SQLite file', async (dir) => `sqlite:${join(dir, 'hub.sqlite')}`);
