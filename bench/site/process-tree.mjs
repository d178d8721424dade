import { readdirSync, readFileSync } from 'node:fs';

/** Parent pid, CPU jiffies (user + system) and memory (KiB) of one process from /proc, or null once it is gone. */
function readProcess(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces: ppid is the 4th field, utime and stime the 14th and 15th.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '?';
    return { ppid: Number(rest[1]), jiffies: Number(rest[11]) + Number(rest[12]), rssKiB: kib('VmRSS'), hwmKiB: kib('VmHWM'), name };
  } catch {
    return null;
  }
}

/** Every live descendant of `rootPid`, itself included, with its /proc figures. */
function readTree(rootPid) {
  const all = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProcess(Number(entry));
    if (info) all.set(Number(entry), info);
  }
  const tree = new Map();
  if (all.has(rootPid)) tree.set(rootPid, all.get(rootPid));
  // Parents come before children often but not always: repeat until no new descendant turns up.
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, info] of all) {
      if (!tree.has(pid) && tree.has(info.ppid)) {
        tree.set(pid, info);
        grew = true;
      }
    }
  }
  return tree;
}

/**
 * Samples the memory of a process and all its descendants (Astro's esbuild service, Pagefind's binary…) every
 * `intervalMs` until stopped. `stop()` returns the highest sum of VmRSS seen at one instant, the sum of each
 * process's own peak (VmHWM, an upper bound: the peaks need not coincide), and each process's CPU time, in ms.
 */
export function sampleProcessTree(rootPid, intervalMs = 100) {
  let peakSumKiB = 0;
  const seen = new Map();
  const sample = () => {
    let sum = 0;
    for (const [pid, info] of readTree(rootPid)) {
      sum += info.rssKiB;
      const known = seen.get(pid);
      seen.set(pid, {
        name: info.name,
        hwmKiB: Math.max(known?.hwmKiB ?? 0, info.hwmKiB),
        jiffies: Math.max(known?.jiffies ?? 0, info.jiffies),
      });
    }
    if (sum > peakSumKiB) peakSumKiB = sum;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    /** Call while the root still runs (on its last output, say) so short-lived children are counted too. */
    sample,
    stop() {
      clearInterval(timer);
      const processes = [...seen].map(([pid, info]) => ({
        pid,
        name: info.name,
        vmHwmMiB: info.hwmKiB / 1024,
        // USER_HZ is 100 on every Linux the project runs on.
        cpuMs: info.jiffies * 10,
      }));
      return {
        peakRssSumMiB: peakSumKiB / 1024,
        vmHwmSumMiB: processes.reduce((total, process) => total + process.vmHwmMiB, 0),
        cpuMs: processes.reduce((total, process) => total + process.cpuMs, 0),
        processes,
      };
    },
  };
}
