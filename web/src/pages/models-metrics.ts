import type { ModelRun } from '../api/types.ts';
import type { ChartOption } from '../components/chart.ts';
import { fmt, tip } from '../format.ts';

/**
 * The backtest figures worth a column, in reading order, with their French
 * label and format. Runs carry many more metrics; those stay in each run's
 * details.
 */
export const KEY_METRICS: readonly { key: string; label: string; format: (x: number | null) => string }[] = [
  { key: 'backtest_auc', label: 'AUC', format: fmt.num },
  { key: 'backtest_capture_top10', label: 'Capture top 10 %', format: fmt.pct },
  { key: 'backtest_capture_top20', label: 'Capture top 20 %', format: fmt.pct },
  { key: 'backtest_brier', label: 'Brier', format: (x) => (x === null ? '—' : x.toFixed(3).replace('.', ',')) },
  { key: 'backtest_mean_prob', label: 'Prob. moyenne prédite', format: fmt.pct },
  { key: 'backtest_observed_rate', label: 'Taux de ré-achat observé', format: fmt.pct },
  { key: 'backtest_value_rel_error', label: 'Écart de valeur', format: fmt.growth },
];

/** Model names as a sales manager reads them. */
const MODEL_LABEL: Record<string, string> = { heuristic: 'Règle simple (récence, fréquence)', btyd: 'Modèle statistique (BTYD)' };

export const predictorLabel = (name: string): string => MODEL_LABEL[name] ?? name;

/** A run's model in French: the predictor's name, or what an advice run produced (« contact list by btyd »). */
export function modelLabel(run: Pick<ModelRun, 'experiment' | 'model' | 'tags'>): string {
  if (run.experiment === 'advisor') {
    const predictor = run.tags['predictor'];
    return `Segments et liste d’appels${predictor ? ` (${predictorLabel(predictor)})` : ''}`;
  }
  return predictorLabel(run.model);
}

/** The newest finished predictor run of each model: the comparison a reader wants. */
export function latestPredictors(runs: ModelRun[]): ModelRun[] {
  const latest = new Map<string, ModelRun>();
  for (const r of runs) {
    if (r.experiment !== 'predictor' || r.status !== 'FINISHED') continue;
    const seen = latest.get(r.model);
    if (!seen || r.start_time > seen.start_time) latest.set(r.model, r);
  }
  return [...latest.values()];
}

/** AUC and capture rates (all between 0 and 1) side by side for each model. */
export function backtestChart(runs: ModelRun[]): ChartOption {
  const shown = KEY_METRICS.filter((m) => ['backtest_auc', 'backtest_capture_top10', 'backtest_capture_top20'].includes(m.key));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: shown.map((m) => m.label) },
    yAxis: { type: 'value', name: 'AUC ou part capturée', min: 0, max: 1, axisLabel: { formatter: tip.pct } },
    series: runs.map((r) => ({
      name: modelLabel(r), type: 'bar' as const,
      data: shown.map((m) => r.metrics[m.key] ?? null),
      tooltip: { valueFormatter: tip.pct },
    })),
  };
}
