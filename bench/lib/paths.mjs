import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const HUB_DIR = join(REPO_ROOT, 'packages/hub');
export const HUB_CLI = join(HUB_DIR, 'dist/cli/main.js');
export const CPV_FILE = join(HUB_DIR, 'data/reference/cpv-2008.json');
export const RESULTS_DIR = join(REPO_ROOT, 'bench/results');
