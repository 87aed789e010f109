/** What one bench measures: a figure of the system beside the same figure of its baseline, from the same run. */
export interface Comparison {
  what: string;
  /** How the ratio reads, e.g. "≥ 0.8× (throughput)" or "≤ 1.5× (p99)". */
  target: string;
  /** Subject ÷ baseline for each round, in the order the rounds ran. */
  ratios: number[];
  /** The last round's figures, for the reader: e.g. "p99 12.1 ms vs 8.3 ms". */
  detail: string;
  met: boolean;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function summarise(ratios: readonly number[]): { min: number; median: number; max: number } {
  return { min: Math.min(...ratios), median: median(ratios), max: Math.max(...ratios) };
}

export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

export function printComparisons(comparisons: readonly Comparison[]): void {
  printTable(
    ['What', 'Target', 'Ratio min / median / max', 'Last round', 'Met'],
    comparisons.map((c) => {
      const { min, median: mid, max } = summarise(c.ratios);
      return [c.what, c.target, `${min.toFixed(2)} / ${mid.toFixed(2)} / ${max.toFixed(2)}`, c.detail, c.met ? 'yes' : 'NO'];
    }),
  );
}
