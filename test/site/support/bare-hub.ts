import { runHubCli } from '../../../packages/hub/src/test-support/hub-process.js';
import { startHubOn, type RunningHub } from './hub-process.js';

// A real hub with the territory only (`seed` without `--demo`): no staff, no training, no charter yet.

export function startBareHub(): Promise<RunningHub> {
  return startHubOn(async (env) => {
    await runHubCli(['migrate'], env);
    await runHubCli(['seed'], env);
  });
}
