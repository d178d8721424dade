import { readdirSync, readFileSync } from 'node:fs';

/** Node's options whose value is a module loaded before the script, not the script. */
const PRELOAD_FLAGS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

/** Parent pid, CPU jiffies (user + system) and memory (KiB) of one process from /proc, or null once it is gone. */
function readProcess(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may hold spaces: ppid is the 4th field, utime and stime the 14th and 15th.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    const name = /^Name:\s+(.*)$/m.exec(status)?.[1] ?? '?';
    // Node processes all say "node": their script (`publisher/dist/main.js`, `scripts/renderer.mjs`…) tells them apart.
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const script = args.find((arg, index) => index > 0 && /\.(m?js|cjs)$/.test(arg) && !PRELOAD_FLAGS.has(args[index - 1]));
    return { label: script ? script.split('/').slice(-2).join('/') : name, ppid: Number(rest[1]), jiffies: Number(rest[11]) + Number(rest[12]), rssKiB: kib('VmRSS'), hwmKiB: kib('VmHWM'), name };
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
 * process's own peak (VmHWM, an upper bound: the peaks need not coincide), each process's share of the highest sum,
 * and each process's CPU time, in ms.
 */
export function sampleProcessTree(rootPid, intervalMs = 100) {
  let peakSumKiB = 0;
  let peakParts = [];
  const seen = new Map();
  const sample = () => {
    let sum = 0;
    const tree = readTree(rootPid);
    for (const [pid, info] of tree) {
      sum += info.rssKiB;
      const known = seen.get(pid);
      seen.set(pid, {
        name: info.name,
        hwmKiB: Math.max(known?.hwmKiB ?? 0, info.hwmKiB),
        jiffies: Math.max(known?.jiffies ?? 0, info.jiffies),
      });
    }
    if (sum > peakSumKiB) {
      peakSumKiB = sum;
      peakParts = [...tree].map(([pid, info]) => ({ pid, label: info.label, rssMiB: info.rssKiB / 1024 }));
    }
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
        /** Each process's resident set at the instant of that peak. */
        peakParts,
        vmHwmSumMiB: processes.reduce((total, process) => total + process.vmHwmMiB, 0),
        cpuMs: processes.reduce((total, process) => total + process.cpuMs, 0),
        processes,
      };
    },
  };
}
