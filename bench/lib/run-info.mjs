import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { REPO_ROOT } from './paths.mjs';

/**
 * The commit a result was measured at, `+changes` when the measured code (`paths`) had uncommitted changes,
 * null outside a git checkout.
 */
export function gitCommit(paths = ['packages', 'site']) {
  try {
    const git = (args) => execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const commit = git(['rev-parse', '--short', 'HEAD']);
    return git(['status', '--porcelain', '--', ...paths]) ? `${commit}+changes` : commit;
  } catch {
    return null;
  }
}

/** The machine a result was measured on, as every benchmark's JSON records it (`extra`: what a bench adds). */
export function machine(extra = {}) {
  return { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, ...extra };
}
