import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './hub-process.js';

export interface BuildResult {
  code: number | null;
  output: string;
  seconds: number;
}

/** Runs the site's build entry exactly as the publisher does: a child process with HUB_URL and SITE_OUT_DIR. */
export function buildSite(env: { HUB_URL: string; SITE_OUT_DIR: string; SITE_URL?: string }): Promise<BuildResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'site/scripts/build.mjs')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output, seconds: (performance.now() - started) / 1000 }));
  });
}
