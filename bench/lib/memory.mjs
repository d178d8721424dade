import { readFileSync } from 'node:fs';

/** Resident-set figures of a process in MiB, from /proc (Linux): VmRSS now and VmHWM, its peak since it started. */
export function readRss(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMiB: kib('VmRSS') / 1024, hwmMiB: kib('VmHWM') / 1024 };
  } catch {
    return { rssMiB: NaN, hwmMiB: NaN };
  }
}

/** Samples a process's RSS every `intervalMs` until stopped; `stop()` returns the peaks seen. */
export function sampleRss(pid, intervalMs = 250) {
  let peakRss = 0;
  let peakHwm = 0;
  const sample = () => {
    const { rssMiB, hwmMiB } = readRss(pid);
    if (rssMiB > peakRss) peakRss = rssMiB;
    if (hwmMiB > peakHwm) peakHwm = hwmMiB;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return { peakRssMiB: peakRss, vmHwmMiB: peakHwm };
    },
  };
}
