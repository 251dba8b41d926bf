import { optional } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { CheckReport } from '../api/types.ts';
import { grid, kpiCards, pageHeader, section } from '../components/layout.ts';
import { emptyView } from '../components/state.ts';
import { dataTable } from '../components/table.ts';
import { el } from '../dom.ts';
import { fmt } from '../format.ts';
import type { Page } from './page.ts';
import { goldRowsTable, quarantineChart, quarantineTable, reconciliationTable, repairsTable, runCards, timingsChart } from './quality-run.ts';

/** Qualité: what the last run did to the data, and what `electrolake check` found. */
export const qualityPage: Page = {
  path: 'qualite',
  title: 'Qualité',
  empty: {
    title: 'Pas encore de données chargées',
    steps: ['Le contrôle des données apparaîtra ici après le premier chargement.'],
    admin: ['Lancez ', { cmd: 'electrolake run' }, ' puis ', { cmd: 'electrolake check' }, ', et rechargez la page.'],
  },
  async render({ signal }) {
    const [run, checks] = await Promise.all([api.latestRun(signal), optional(api.quality(signal))]);
    const m = run.data;
    return el(
      'div',
      {},
      // Not the lake's location: the API hides paths and URLs (it would read « <path> »).
      pageHeader('Qualité des données', `Dernier run ${m.run_id}, moteur ${m.engine}.`),
      runCards(m),
      section('Réconciliation', reconciliationTable(m)),
      section('Tables gold et durée des étapes', grid(goldRowsTable(m), timingsChart(m))),
      section('Réparations', repairsTable(m)),
      section('Quarantaine par motif', grid(quarantineChart(m), quarantineTable(m))),
      section('Contrôles', checks ? checkResults(checks.data) : emptyView({ title: 'Pas encore de contrôle', steps: ['Les données n’ont pas encore été contrôlées.'], admin: ['Lancez ', { cmd: 'electrolake check' }, '.'] }, true)),
    );
  },
};

function checkResults(report: CheckReport): HTMLElement {
  const failed = report.results.filter((r) => !r.ok);
  const passed = report.results.filter((r) => r.ok);
  return el(
    'div',
    {},
    kpiCards([
      { id: 'checks_ok', label: 'Contrôles réussis', value: fmt.int(report.passed), tone: 'good' },
      { id: 'checks_failed', label: 'Contrôles en échec', value: fmt.int(report.failed), ...(report.failed > 0 ? { tone: 'bad' as const } : {}) },
      { id: 'checked_at', label: 'Vérifié le', value: fmt.timestamp(report.checked_at), hint: report.run_id ?? '' },
    ]),
    // Failures are what the reader came for: shown in full; the passing checks fold away.
    failed.length > 0 && checksTable('checks_failed', failed),
    el('details', { open: failed.length === 0 && passed.length <= 12 },
      el('summary', {}, `${fmt.int(passed.length)} contrôles réussis`), checksTable('checks_passed', passed)),
  );
}

function checksTable(name: string, results: CheckReport['results']): HTMLElement {
  return dataTable(
    [
      { key: 'ok', label: 'Résultat', cell: (r) => el('span', { class: `badge ${r.ok ? 'ok' : 'ko'}` }, r.ok ? 'OK' : 'ÉCHEC') },
      { key: 'name', label: 'Contrôle', cell: (r) => r.name },
      { key: 'detail', label: 'Détail', cell: (r) => r.detail ?? '' },
    ],
    results,
    { name, caption: name === 'checks_failed' ? 'Contrôles en échec' : 'Contrôles réussis' },
  );
}
