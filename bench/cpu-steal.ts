import fs from 'node:fs';

/** The machine's CPU counters in clock ticks: all time, and the time stolen by the hypervisor. */
function counters(): { total: number; steal: number } | null {
  try {
    // First line of /proc/stat: "cpu  user nice system idle iowait irq softirq steal ..."
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    if (fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return null;
    return { total: fields.reduce((a, b) => a + b, 0), steal: fields[7] };
  } catch {
    return null; // not Linux
  }
}

/**
 * Starts measuring CPU steal: the share of the machine's CPU time a virtual machine's host gave
 * to others. A run with much of it is slow for reasons outside the code, which is worth
 * printing beside its figures. The returned function gives `, CPU steal N%` for the time since
 * the start, or '' where the kernel does not report steal.
 *
 * @example
 * const steal = startStealMeter();
 * await work();
 * log(`work took ${s} s${steal()}`);
 */
export function startStealMeter(): () => string {
  const start = counters();
  return () => {
    const end = counters();
    if (!start || !end || end.total <= start.total) return '';
    return `, CPU steal ${((100 * (end.steal - start.steal)) / (end.total - start.total)).toFixed(0)}%`;
  };
}
