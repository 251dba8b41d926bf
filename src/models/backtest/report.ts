import type { Row } from '../../engines/engine.ts';
import { CALL_ACTIONS } from '../../pipeline/gold/segments.ts';
import type { BacktestResult } from './run-backtest.ts';
import { csvText } from '../../core/csv.ts';

/** The rows of the side-by-side table: label, metric key, how to print it. */
const ROWS: { label: string; key: string; format: (v: number) => string }[] = [
  { label: 'clients scored', key: 'clients', format: (v) => v.toLocaleString('en') },
  { label: 'bought in the next 12 months', key: 'buyers', format: (v) => v.toLocaleString('en') },
  { label: 'AUC of prob_reachat_12m (higher is better)', key: 'auc', format: (v) => v.toFixed(4) },
  { label: 'Brier score (lower is better)', key: 'brier', format: (v) => v.toFixed(4) },
  { label: 'log loss (lower is better)', key: 'log_loss', format: (v) => v.toFixed(4) },
  { label: 'mean prob_reachat_12m', key: 'mean_prob', format: (v) => v.toFixed(4) },
  { label: 'observed share who bought', key: 'observed_rate', format: (v) => v.toFixed(4) },
  { label: 'Σ expected_value_12m (EUR)', key: 'predicted_value', format: euros },
  { label: 'Σ realised value (EUR)', key: 'realised_value', format: euros },
  { label: 'total value error (predicted vs realised)', key: 'value_rel_error', format: (v) => `${v >= 0 ? '+' : ''}${percent(v)}` },
  { label: 'per-client value MAE (EUR)', key: 'value_mae', format: (v) => v.toFixed(2) },
  { label: 'per-client value RMSE (EUR)', key: 'value_rmse', format: (v) => v.toFixed(2) },
  { label: 'advisor: value captured by top 10 % of list', key: 'capture_top10', format: percent },
  { label: 'advisor: value captured by top 20 % of list', key: 'capture_top20', format: percent },
  // The call list per action: shares of the next-year value of the action's segment.
  ...CALL_ACTIONS.flatMap((action) => [
    { label: `call list ${action}: clients listed`, key: `call_${action}_clients`, format: (v: number) => v.toLocaleString('en') },
    { label: `call list ${action}: value held by top 10 % of list`, key: `call_${action}_top10`, format: percent },
    { label: `call list ${action}: value held by top 20 % of list`, key: `call_${action}_top20`, format: percent },
    { label: `call list ${action}: value held by whole list`, key: `call_${action}_listed`, format: percent },
  ]),
];

/** The backtest as a text table, one column per model. */
export function backtestTable(result: BacktestResult): string {
  const header = ['metric', ...result.models.map((m) => m.model + (m.fit.fallback ? ` (→ ${m.fit.scoredBy})` : ''))];
  const body = ROWS.map((row) => [row.label, ...result.models.map((m) => cell(m.metrics[row.key], row.format))]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [
    `backtest: fitted on history to ${result.cutoff}, compared with purchases in (${result.cutoff}, ${result.asOf}]`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
  ].join('\n');
}

/** The same table as CSV (metric key, one column per model, raw numbers). */
export function backtestCsv(result: BacktestResult): string {
  return csvText(['metric', ...result.models.map((m) => m.model)], ROWS.map((row) => [row.key, ...result.models.map((m) => m.metrics[row.key] ?? '')]));
}

export function calibrationCsv(result: BacktestResult): string {
  const rows = result.models.flatMap((m) =>
    m.calibration.map((d) => [m.model, d.decile, d.clients, d.mean_prob, d.observed_rate, d.predicted_value, d.realised_value]),
  );
  return csvText(['model', 'decile', 'clients', 'mean_prob', 'observed_rate', 'predicted_value', 'realised_value'], rows);
}

/** Any rows with the same keys as CSV. */
export function rowsCsv(rows: readonly Row[]): string {
  const columns = Object.keys(rows[0] ?? {});
  return csvText(columns, rows.map((r) => columns.map((c) => r[c] as string | number | null)));
}

function cell(value: number | undefined, format: (v: number) => string): string {
  return value === undefined ? 'n/a' : format(value);
}

function euros(value: number): string {
  return Math.round(value).toLocaleString('en');
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}
