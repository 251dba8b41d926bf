import { optional } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { ModelRun } from '../api/types.ts';
import { chart } from '../components/chart.ts';
import { pageHeader, section } from '../components/layout.ts';
import type { EmptyHint } from '../components/state.ts';
import { dataTable, type Column } from '../components/table.ts';
import { el } from '../dom.ts';
import { fmt } from '../format.ts';
import { backtestChart, KEY_METRICS, latestPredictors, modelLabel } from './models-metrics.ts';
import { NoData, type Page } from './page.ts';

const NO_RUNS: EmptyHint = {
  title: 'Aucun modèle suivi pour l’instant',
  steps: ['Les scores viennent pour l’instant de la règle simple (récence et fréquence d’achat). Les modèles entraînés et leur précision apparaîtront ici.'],
  admin: ['Entraînez un modèle avec ', { cmd: 'electrolake train --model btyd --backtest' }, ' : ses entraînements et leurs métriques apparaîtront ici.'],
};

const EXPERIMENT_LABEL: Record<string, string> = { predictor: 'Prédiction', advisor: 'Conseil (segments)' };
const STATUS_LABEL: Record<string, string> = { FINISHED: 'Terminé', FAILED: 'Échoué', RUNNING: 'En cours' };

/** Modèles: the tracked training runs and their backtests; an empty state until there are any (or while the API has no `/models`). */
export const modelsPage: Page = {
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
      pageHeader('Modèles', 'Les entraînements des modèles de score sur ces données, du plus récent au plus ancien. « Retenu » : le modèle qui note aujourd’hui les clients.'),
      latest.length > 0 && section('Précision sur l’année passée : dernier entraînement de chaque modèle',
        el('p', { class: 'muted' }, 'AUC : 100 % classe parfaitement qui rachète, 50 % au hasard. Capture : part des acheteurs de l’année suivante trouvés dans les premiers 10 % ou 20 % de la liste.'),
        chart('Précision des modèles', backtestChart(latest), { height: 280 })),
      section('Entraînements', runsTable(runs)),
    );
  },
};

function runsTable(runs: ModelRun[]): HTMLElement {
  const metrics = KEY_METRICS.filter((m) => runs.some((r) => r.metrics[m.key] !== undefined));
  const columns: Column<ModelRun>[] = [
    { key: 'experiment', label: 'Expérience', cell: (r) => EXPERIMENT_LABEL[r.experiment] ?? r.experiment },
    { key: 'model', label: 'Modèle', cell: (r) => el('span', { title: r.run_id }, modelLabel(r), r.chosen ? el('span', { class: 'badge ok', 'data-chosen': '' }, ' retenu') : '') },
    { key: 'status', label: 'Statut', cell: (r) => el('span', { class: `badge ${r.status === 'FAILED' ? 'ko' : r.status === 'FINISHED' ? 'ok' : ''}` }, STATUS_LABEL[r.status] ?? r.status) },
    { key: 'start_time', label: 'Démarré le', cell: (r) => fmt.timestamp(r.start_time) },
    { key: 'as_of', label: 'Données au', cell: (r) => fmt.date(r.tags['as_of']) },
    ...metrics.map((m) => ({ key: m.key, label: m.label, numeric: true, cell: (r: ModelRun) => m.format(r.metrics[m.key] ?? null) })),
    { key: 'details', label: 'Détails', cell: details },
  ];
  return dataTable(columns, runs, { name: 'models', caption: 'Entraînements' });
}

/** Every parameter, metric and tag of a run, folded. */
function details(r: ModelRun): HTMLElement {
  const entries = (title: string, values: Record<string, string | number>) =>
    Object.keys(values).length === 0 ? null : [el('dt', { class: 'group' }, title), ...Object.entries(values).flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, typeof v === 'number' ? fmt.num(v) : v)])];
  return el('details', {}, el('summary', {}, 'détails techniques'),
    el('dl', { class: 'facts' }, entries('Paramètres', r.params), entries('Métriques', r.metrics), entries('Étiquettes', r.tags)));
}
