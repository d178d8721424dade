import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Synchronous clean-ups (kill a child, remove a temp folder) that must happen however the run ends: normally,
 * on an error, or on Ctrl-C.
 */
const tasks = new Set();

export function atExit(task) {
  tasks.add(task);
  return () => tasks.delete(task);
}

function runExitTasks() {
  for (const task of [...tasks].reverse()) {
    try {
      task();
    } catch {
      // Best effort: one failing clean-up must not keep the others from running.
    }
  }
  tasks.clear();
}

process.on('exit', runExitTasks);

/** For the entry script: Ctrl-C or a TERM still stops children and removes temp files. */
export function exitCleanlyOnSignals() {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping`);
      process.exit(code);
    });
  }
}

/** A fresh folder under the system temp dir, removed when the returned `remove` runs or the process exits. */
export function makeTempDir(prefix) {
  const path = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(path, { recursive: true, force: true });
  const forget = atExit(remove);
  return {
    path,
    remove() {
      forget();
      remove();
    },
  };
}
