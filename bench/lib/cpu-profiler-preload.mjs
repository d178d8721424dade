/**
 * Preloaded in a server (`node --import …/cpu-profiler-preload.mjs`) to profile only a window of its life: the
 * first SIGUSR2 starts V8's sampling profiler, the second writes the profile to $BENCH_CPU_PROFILE. Unlike
 * --cpu-prof it leaves out start-up and warm-up, and does not depend on the server exiting cleanly.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const output = process.env.BENCH_CPU_PROFILE;
if (!output) throw new Error('BENCH_CPU_PROFILE must name the file to write the profile to');

const session = new Session();
session.connect();
let profiling = false;

process.on('SIGUSR2', () => {
  if (!profiling) {
    profiling = true;
    session.post('Profiler.enable', () =>
      session.post('Profiler.setSamplingInterval', { interval: 500 }, () =>
        session.post('Profiler.start', () => console.log('[cpu-profiler] started')),
      ),
    );
    return;
  }
  session.post('Profiler.stop', (error, result) => {
    profiling = false;
    if (error) console.log(`[cpu-profiler] failed: ${error.message}`);
    else {
      writeFileSync(output, JSON.stringify(result.profile));
      console.log('[cpu-profiler] written');
    }
  });
});
