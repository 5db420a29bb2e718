// The benchmark's arithmetic, apart so a unit test can check it (test/unit/bench-stats.test.ts): percentiles,
// medians, our/peer ratios, and reading a process's CPU time and peak RSS from /proc.

/** nearest-rank percentile (p in 0..100) of the values; NaN when there are none */
export function percentile(values: readonly number[], p: number): number {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return NaN;
  const s = [...finite].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** the median (the mean of the middle two for an even count); NaN when there are no finite values */
export function median(values: readonly number[]): number {
  const s = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** ours / peer, as the table prints it: "0.42×" (below 1: we are ahead, lower is better for every figure) */
export function formatRatio(ours: number, peer: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(peer)) return 'n/a';
  if (peer === 0) return ours === 0 ? '1.00×' : 'n/a';
  const r = ours / peer;
  return `${r < 10 ? r.toFixed(2) : r.toFixed(1)}×`;
}

/** a figure in ms or MB: one decimal below 100, none above (the noise on this machine is larger) */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  return Math.abs(n) < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US');
}

/**
 * utime + stime in clock ticks from the text of /proc/<pid>/stat. The command name (field 2) is in parentheses
 * and may hold spaces or parentheses itself, so the fields are counted from the last ')'.
 */
export function cpuTicksOf(stat: string): number {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // rest[0] is field 3 (state): utime is field 14, stime field 15
  const utime = Number(rest[14 - 3]);
  const stime = Number(rest[15 - 3]);
  return utime + stime;
}

/** VmHWM (peak resident set) in MB from the text of /proc/<pid>/status; NaN when absent */
export function peakRssMbOf(status: string): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(status);
  return m ? Number(m[1]) / 1024 : NaN;
}
