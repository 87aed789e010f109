import { escapeHtml } from '../../tasks/html/layout.js';

/**
 * Horizontal bar charts drawn on the server as inline SVG: no script, no external file, readable
 * without colour (each row ends with its number) and described for screen readers by a title and a
 * description that state the figures. The same numbers are always in a table beside the chart.
 */
export interface ChartSeries {
  name: string;
  /** Fill colour; chosen to stand 3:1 against white (WCAG non-text contrast). */
  colour: string;
}

export interface ChartRow {
  label: string;
  /** One value per series, stacked left to right. */
  values: number[];
}

export interface BarChartOptions {
  id: string;
  title: string;
  /** What the chart shows, in words: read out instead of the picture. */
  description: string;
  series: ChartSeries[];
  rows: ChartRow[];
  /** `center` draws a funnel: each bar centred under the one above. */
  align?: 'start' | 'center';
  labelWidth?: number;
}

const WIDTH = 720;
const ROW_HEIGHT = 28;
const BAR_HEIGHT = 18;
const VALUE_WIDTH = 56;
const LEGEND_HEIGHT = 30;
const TEXT = '#111827';

export function barChart(options: BarChartOptions): string {
  const labelWidth = options.labelWidth ?? 160;
  const barArea = WIDTH - labelWidth - VALUE_WIDTH;
  const totals = options.rows.map((row) => row.values.reduce((a, b) => a + b, 0));
  const max = Math.max(1, ...totals);
  const legend = options.series.length > 1 ? LEGEND_HEIGHT : 0;
  const height = legend + options.rows.length * ROW_HEIGHT + 4;
  const scale = (value: number) => (value / max) * barArea;

  const legendItems = legend === 0 ? '' : options.series
    .map((series, index) => {
      const x = labelWidth + index * 150;
      return `<rect x="${x}" y="6" width="14" height="14" fill="${series.colour}"/><text x="${x + 20}" y="18" font-size="13" fill="${TEXT}">${escapeHtml(series.name)}</text>`;
    })
    .join('');

  const rows = options.rows
    .map((row, index) => {
      const y = legend + index * ROW_HEIGHT;
      const total = totals[index]!;
      const width = scale(total);
      let x = labelWidth + (options.align === 'center' ? (barArea - width) / 2 : 0);
      const segments = row.values
        .map((value, s) => {
          if (value === 0) return '';
          const w = Math.max(scale(value), 2);
          const rect = `<rect x="${x.toFixed(1)}" y="${y + (ROW_HEIGHT - BAR_HEIGHT) / 2}" width="${w.toFixed(1)}" height="${BAR_HEIGHT}" fill="${options.series[s]!.colour}"/>`;
          x += w;
          return rect;
        })
        .join('');
      const valueX = options.align === 'center' ? WIDTH - VALUE_WIDTH + 8 : labelWidth + Math.max(width, 0) + 6;
      return `<g><text x="${labelWidth - 8}" y="${y + ROW_HEIGHT / 2 + 5}" font-size="13" text-anchor="end" fill="${TEXT}">${escapeHtml(row.label)}</text>${segments}<text x="${valueX.toFixed(1)}" y="${y + ROW_HEIGHT / 2 + 5}" font-size="13" font-weight="700" fill="${TEXT}">${total}</text></g>`;
    })
    .join('');

  return `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-labelledby="${options.id}-title ${options.id}-desc" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">
<title id="${options.id}-title">${escapeHtml(options.title)}</title>
<desc id="${options.id}-desc">${escapeHtml(options.description)}</desc>
${legendItems}${rows}
</svg>`;
}
