import { cpus, totalmem } from 'node:os';

/** One line of the benchmark's table. */
export interface Row {
  latencyMs: number | null;
  metric: string;
  median: number;
  p95: number | null;
  unit: string;
  target: string;
  ok: boolean;
  samples: number;
}

export const rows: Row[] = [];

const round = (value: number) => Math.round(value * 10) / 10;

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}
export const median = (values: number[]) => quantile(values, 0.5);

/**
 * Records a measured series against a limit: ok when the median and the 95th percentile are both
 * within it. A single value is recorded as a series of one.
 */
export function recordSeries(
  latencyMs: number | null,
  metric: string,
  values: number[],
  unit: string,
  limit: number,
  target = `≤ ${limit}`,
): void {
  const med = median(values);
  const p95 = values.length > 1 ? quantile(values, 0.95) : null;
  rows.push({
    latencyMs,
    metric,
    median: round(med),
    p95: p95 === null ? null : round(p95),
    unit,
    target,
    ok: med <= limit && (p95 ?? med) <= limit,
    samples: values.length,
  });
}

/** Records a single figure with its own verdict. */
export function recordValue(
  latencyMs: number | null,
  metric: string,
  value: number,
  unit: string,
  target: string,
  ok: boolean,
): void {
  rows.push({ latencyMs, metric, median: round(value), p95: null, unit, target, ok, samples: 1 });
}

export function machine(chromiumVersion: string): string {
  const cpu = cpus();
  return `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.versions.node}, Chromium ${chromiumVersion}`;
}

/** The table as Markdown, as docs/benchmark.md shows it. */
export function table(): string {
  const lines = [
    '| L | measure | median | p95 | target | |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.latencyMs === null ? '–' : `${r.latencyMs} ms`} | ${r.metric} | ${r.median} ${r.unit} | ${
          r.p95 === null ? '–' : `${r.p95} ${r.unit}`
        } | ${r.target} | ${r.ok ? 'ok' : '**MISS**'} |`,
    ),
  ];
  return lines.join('\n');
}
