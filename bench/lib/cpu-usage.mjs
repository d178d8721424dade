import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Jiffies of the whole machine (busy and total, every CPU) and of each given process (user + system). */
function snapshot(pids) {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already counted in user)
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields;
  const total = user + nice + system + idle + iowait + irq + softirq + steal;
  const perProcess = pids.map((pid) => {
    try {
      // Fields after the command name, which may hold spaces: utime and stime are the 14th and 15th fields.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(rest[11]) + Number(rest[12]);
    } catch {
      return 0;
    }
  });
  return { busy: total - idle - iowait, total, perProcess };
}

/**
 * Measures CPU use over an interval, in cores: each given process's (also in CPU milliseconds), and everything
 * else on the machine's. The latter tells whether another program competed with the benchmark. Linux only; null
 * figures elsewhere.
 */
export function measureCpu(pids) {
  let start;
  try {
    start = snapshot(pids);
  } catch {
    return { stop: () => null };
  }
  return {
    stop() {
      const end = snapshot(pids);
      const cores = cpus().length;
      const elapsed = end.total - start.total;
      if (elapsed <= 0) return null;
      const processJiffies = end.perProcess.map((value, index) => value - start.perProcess[index]);
      const processes = processJiffies.map((jiffies) => (jiffies / elapsed) * cores);
      const machine = ((end.busy - start.busy) / elapsed) * cores;
      const ours = processes.reduce((sum, value) => sum + value, 0);
      // USER_HZ is 100 on every Linux the project runs on.
      return { processes, processMs: processJiffies.map((jiffies) => jiffies * 10), others: Math.max(0, machine - ours), machine };
    },
  };
}
