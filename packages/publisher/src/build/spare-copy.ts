import { join } from 'node:path';

/**
 * A spare is a copy of a release made while the publisher is idle: every file hard-linked (no byte copied; the
 * workspace package `@territoire-achats/hard-links`) into `spares/<release id>/`, beside the releases, for the next release to start from instead of hard-linking every
 * file of the live one while a publication waits (at 50,000 notices that is about 150,000 links, several seconds).
 * The next release renames it into place and re-links what the releases made since its source changed
 * (recycling.ts `changedSince`), exactly as it recycles an older release.
 */
export const sparesDir = (dataDir: string) => join(dataDir, 'spares');
