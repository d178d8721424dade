import { readFileSync } from 'node:fs';

/** Which package a script URL belongs to: "hub", "@mikro-orm/core", "node:internal"… */
function packageOf(url) {
  if (!url) return '(native or V8)';
  if (url.startsWith('node:')) return 'node (built-in)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(url);
  if (modules) return modules[1];
  const workspace = /\/(packages\/[^/]+|site|bench)\//.exec(url);
  return workspace ? workspace[1] : url;
}

function keyOf({ functionName, url, lineNumber }) {
  const file = url ? url.replace(/^.*node_modules\/(?!.*node_modules\/)/, '').replace(/^.*\/work\/main\//, '').replace(/^file:\/\//, '') : '';
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

/**
 * Where a V8 .cpuprofile (node --cpu-prof) spent its time: self time by package and by function, and inclusive
 * time of functions (time with everything they call), in milliseconds and as shares of the sampled time.
 */
export function summariseCpuProfile(path, { top = 20 } = {}) {
  const profile = JSON.parse(readFileSync(path, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map();
  const packages = new Map();
  const inclusive = new Map();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, index) => {
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    const node = nodes.get(id);
    if (node.callFrame.functionName === '(idle)') {
      idle += ms;
      return;
    }
    total += ms;
    const key = keyOf(node.callFrame);
    self.set(key, (self.get(key) ?? 0) + ms);
    const pkg = packageOf(node.callFrame.url);
    packages.set(pkg, (packages.get(pkg) ?? 0) + ms);
    const seen = new Set();
    for (let current = id; current !== undefined; current = parent.get(current)) {
      const frameKey = keyOf(nodes.get(current).callFrame);
      if (seen.has(frameKey)) continue;
      seen.add(frameKey);
      inclusive.set(frameKey, (inclusive.get(frameKey) ?? 0) + ms);
    }
  });
  const rank = (map, filter = () => true) =>
    [...map]
      .filter(([key]) => filter(key))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: ms / total }));
  return {
    busyMs: Math.round(total),
    idleMs: Math.round(idle),
    selfByPackage: rank(packages),
    selfByFunction: rank(self),
    inclusiveByFunction: rank(inclusive, (key) => !key.startsWith('(root)') && !key.startsWith('(program)')),
  };
}

export function formatCpuSummary(summary) {
  const lines = [`busy ${summary.busyMs} ms, idle ${summary.idleMs} ms`];
  const section = (title, rows) => {
    lines.push('', title);
    for (const row of rows) lines.push(`  ${(row.share * 100).toFixed(1).padStart(5)} %  ${String(row.ms).padStart(6)} ms  ${row.name}`);
  };
  section('Self time by package', summary.selfByPackage);
  section('Self time by function', summary.selfByFunction);
  section('Inclusive time by function', summary.inclusiveByFunction);
  return lines.join('\n');
}
