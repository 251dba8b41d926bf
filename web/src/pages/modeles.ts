import { optional } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { ModelRun } from '../api/types.ts';
import { chart } from '../components/chart.ts';
import { pageHeader, section } from '../components/layout.ts';
import type { EmptyHint } from '../components/state.ts';
import { dataTable, type Column } from '../components/table.ts';
import { el } from '../dom.ts';
import { fmt } from '../format.ts';
import { backtestChart, KEY_METRICS, latestPredictors } from './modeles-metrics.ts';
import { NoData, type Page } from './page.ts';

const NO_RUNS: EmptyHint = {
  title: 'Aucun modèle suivi pour l’instant',
  steps: ['Entraînez un modèle avec ', { cmd: 'electrolake train --model btyd' }, ' (ou ', { cmd: '--model heuristic' }, ') : ses runs et leurs métriques apparaîtront ici.'],
};

const EXPERIMENT_LABEL: Record<string, string> = { predictor: 'Prédiction', advisor: 'Conseil (segments)' };
const STATUS_LABEL: Record<string, string> = { FINISHED: 'Terminé', FAILED: 'Échoué', RUNNING: 'En cours' };

/** Modèles: the tracked training runs and their backtests; an empty state until there are any (or while the API has no `/models`). */
export const modelesPage: Page = {
  path: 'modeles',
  title: 'Modèles',
  empty: NO_RUNS,
  async render({ signal }) {
    const response = await optional(api.models(signal));
    const runs = response?.data ?? [];
    if (runs.length === 0) throw new NoData(NO_RUNS);
    const latest = latestPredictors(runs);
    return el(
      'div',
      {},
      pageHeader('Modèles', `Les runs d’entraînement suivis (${response?.meta.source ?? ''}), du plus récent au plus ancien.`),
      latest.length > 0 && section('Backtest : dernier run de chaque modèle', chart('Backtest des modèles', backtestChart(latest), { height: 280 })),
      section('Runs', runsTable(runs)),
    );
  },
};

function runsTable(runs: ModelRun[]): HTMLElement {
  const metrics = KEY_METRICS.filter((m) => runs.some((r) => r.metrics[m.key] !== undefined));
  const columns: Column<ModelRun>[] = [
    { key: 'experiment', label: 'Expérience', cell: (r) => EXPERIMENT_LABEL[r.experiment] ?? r.experiment },
    { key: 'model', label: 'Modèle', cell: (r) => el('span', { title: r.run_id }, r.model, r.tags['chosen'] === 'true' ? el('span', { class: 'badge ok' }, ' retenu') : '') },
    { key: 'status', label: 'Statut', cell: (r) => el('span', { class: `badge ${r.status === 'FAILED' ? 'ko' : r.status === 'FINISHED' ? 'ok' : ''}` }, STATUS_LABEL[r.status] ?? r.status) },
    { key: 'start_time', label: 'Démarré le', cell: (r) => fmt.timestamp(r.start_time) },
    { key: 'as_of', label: 'Données au', cell: (r) => fmt.date(r.tags['as_of']) },
    ...metrics.map((m) => ({ key: m.key, label: m.label, numeric: true, cell: (r: ModelRun) => m.format(r.metrics[m.key] ?? null) })),
    { key: 'details', label: 'Détails', cell: details },
  ];
  return dataTable(columns, runs, { name: 'models' });
}

/** Every parameter, metric and tag of a run, folded. */
function details(r: ModelRun): HTMLElement {
  const entries = (title: string, values: Record<string, string | number>) =>
    Object.keys(values).length === 0 ? null : [el('dt', { class: 'group' }, title), ...Object.entries(values).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, typeof v === 'number' ? fmt.num(v) : v)])];
  return el('details', {}, el('summary', {}, 'voir'),
    el('dl', { class: 'facts' }, entries('Paramètres', r.params), entries('Métriques', r.metrics), entries('Étiquettes', r.tags)));
}
