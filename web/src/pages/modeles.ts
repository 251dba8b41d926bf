import { optional } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { ModelRun } from '../api/types.ts';
import { chart, type ChartOption } from '../components/chart.ts';
import { grid, pageHeader, section } from '../components/layout.ts';
import type { EmptyHint } from '../components/state.ts';
import { dataTable, type Column } from '../components/table.ts';
import { el } from '../dom.ts';
import { fmt } from '../format.ts';
import { NoData, type Page } from './page.ts';

const NO_RUNS: EmptyHint = {
  title: 'Aucun modèle suivi pour l’instant',
  steps: ['Entraînez un modèle avec ', { cmd: 'electrolake train --model btyd' }, ' (ou ', { cmd: '--model heuristic' }, ') : ses runs et leurs métriques apparaîtront ici.'],
};

/** Modèles: the tracked model runs and their metrics; an empty state until there are any (or while the API has no `/models`). */
export const modelesPage: Page = {
  path: 'modeles',
  title: 'Modèles',
  empty: NO_RUNS,
  async render({ signal }) {
    const runs = (await optional(api.models(signal)))?.data ?? [];
    if (runs.length === 0) throw new NoData(NO_RUNS);
    const metrics = keys(runs, 'metrics');
    return el(
      'div',
      {},
      pageHeader('Modèles', 'Les runs d’entraînement suivis (MLflow ou fichiers locaux) et leurs métriques.'),
      section('Runs', runsTable(runs, metrics)),
      metrics.length > 0 && section('Métriques', grid(...metrics.slice(0, 6).map((m) => chart(m, metricChart(runs, m), { height: 240 })))),
    );
  },
};

const runName = (r: ModelRun) => String(r.model ?? r.name ?? r.run_id ?? '—');
const numberOf = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);

function keys(runs: ModelRun[], field: 'metrics' | 'params'): string[] {
  return [...new Set(runs.flatMap((r) => Object.keys(r[field] ?? {})))].sort();
}

function started(r: ModelRun): string {
  const t = r.started_at ?? r.start_time;
  if (t === undefined) return '—';
  return fmt.timestamp(typeof t === 'number' ? new Date(t).toISOString() : t);
}

function runsTable(runs: ModelRun[], metrics: string[]): HTMLElement {
  const columns: Column<ModelRun>[] = [
    { key: 'model', label: 'Modèle', cell: (r) => el('span', { title: r.run_id ?? '' }, runName(r)) },
    { key: 'status', label: 'Statut', cell: (r) => r.status ?? '—' },
    { key: 'started_at', label: 'Démarré le', cell: started },
    ...metrics.map((m) => ({ key: m, label: m, numeric: true, cell: (r: ModelRun) => fmt.num(numberOf(r.metrics?.[m])) })),
    { key: 'params', label: 'Paramètres', cell: (r) => Object.entries(r.params ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(', ') },
  ];
  return dataTable(columns, runs, { name: 'models' });
}

function metricChart(runs: ModelRun[], metric: string): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: runs.map(runName) },
    yAxis: { type: 'value', name: metric, nameTextStyle: { align: 'left' } },
    series: [{ name: metric, type: 'bar', data: runs.map((r) => numberOf(r.metrics?.[metric])), tooltip: { valueFormatter: (v: unknown) => fmt.num(typeof v === 'number' ? v : null) } }],
  };
}

