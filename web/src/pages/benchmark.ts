import { optional } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { EmptyHint } from '../components/state.ts';
import type { BenchReport } from '../api/types.ts';
import { chart } from '../components/chart.ts';
import { grid, pageHeader, section } from '../components/layout.ts';
import { dataTable } from '../components/table.ts';
import { el } from '../dom.ts';
import { fmt } from '../format.ts';
import { memoryChart, scaleLabel, scales, stagesChart, totalsChart } from './benchmark-charts.ts';
import { NoData, type Page } from './page.ts';

const NO_BENCHMARK: EmptyHint = {
  title: 'Pas encore de mesure de performance',
  steps: ['Cette page montre la vitesse des traitements de données ; elle ne concerne pas le suivi commercial.'],
  admin: ['Lancez ', { cmd: 'electrolake bench --scale 1,10 --engines duckdb,spark,pandas,polars' }, ' (résultats dans data/metrics/benchmark.json), puis rechargez la page.'],
};

/** Benchmark: `data/metrics/benchmark.json`, engines × stages × scales. */
export const benchmarkPage: Page = {
  path: 'benchmark',
  title: 'Benchmark',
  empty: NO_BENCHMARK,
  async render({ signal }) {
    const response = await optional(api.benchmark(signal));
    if (!response) throw new NoData(NO_BENCHMARK);
    const { data } = response;
    const { results } = data;
    return el(
      'div',
      {},
      pageHeader('Benchmark des moteurs', `Mesuré le ${fmt.timestamp(data.generated_at)} : chaque moteur traite les mêmes sources, dans son propre processus.`),
      section('Durée totale par échelle', chart('Durée totale par échelle', totalsChart(results))),
      section('Durée par étape', grid(...scales(results).map((s) => el('figure', {}, el('figcaption', {}, scaleLabel(s)), chart(`Durée par étape, ${scaleLabel(s)}`, stagesChart(results, s), { height: 260 }))))),
      section('Mémoire maximale', chart('Mémoire maximale', memoryChart(results), { height: 260 })),
      section('Processus entiers, comparés à DuckDB', comparisonTable(data)),
      section('Tous les résultats', resultsTable(data)),
      section('Machine', machine(data)),
    );
  },
};

function resultsTable(report: BenchReport): HTMLElement {
  return dataTable(
    [
      { key: 'engine', label: 'Moteur', cell: (r) => el('span', { title: r.engine_version }, r.engine) },
      { key: 'scale', label: 'Échelle', numeric: true, cell: (r) => fmt.num(r.scale) },
      { key: 'stage', label: 'Étape', cell: (r) => r.stage },
      { key: 'seconds', label: 'Durée', numeric: true, cell: (r) => fmt.seconds(r.seconds) },
      { key: 'rows', label: 'Lignes', numeric: true, cell: (r) => fmt.int(r.rows) },
      { key: 'throughput', label: 'Lignes/s', numeric: true, cell: (r) => fmt.int(r.seconds > 0 ? r.rows / r.seconds : null) },
      { key: 'peak_rss_mb', label: 'Mémoire max.', numeric: true, cell: (r) => `${fmt.int(r.peak_rss_mb)} Mo` },
    ],
    report.results,
    { name: 'benchmark', caption: 'Résultats du benchmark' },
  );
}

/**
 * One row per engine and scale: the whole process (start-up included), its
 * CPU time (steadier on a busy machine) and the ratio to DuckDB. pandas and
 * Polars compute seven gold tables only, DuckDB and Spark the whole run.
 */
function comparisonTable(report: BenchReport): HTMLElement {
  return dataTable(
    [
      { key: 'engine', label: 'Moteur', cell: (r) => el('span', { title: r.engine_version }, r.engine) },
      { key: 'scale', label: 'Échelle', numeric: true, cell: (r) => fmt.num(r.scale) },
      { key: 'work', label: 'Travail', cell: (r) => (r.engine === 'pandas' || r.engine === 'polars' ? '7 tables gold' : 'run complet') },
      { key: 'process_seconds', label: 'Processus', numeric: true, cell: (r) => fmt.seconds(r.process_seconds) },
      { key: 'cpu_seconds', label: 'CPU', numeric: true, cell: (r) => fmt.seconds(r.cpu_seconds) },
      { key: 'peak_rss_mb', label: 'Mémoire max.', numeric: true, cell: (r) => `${fmt.int(r.peak_rss_mb)} Mo` },
      { key: 'ratio_to_duckdb', label: '× DuckDB', numeric: true, cell: (r) => fmt.num(r.ratio_to_duckdb) },
    ],
    report.results.filter((r) => r.stage === 'total'),
    { name: 'benchmark-comparison', caption: 'Processus entiers comparés à DuckDB' },
  );
}

/** The machine's fields in French (`electrolake bench` records them by their English keys). */
const MACHINE_LABEL: Record<string, string> = {
  cpu: 'Processeur', cores: 'Cœurs', memory_gb: 'Mémoire (Go)', node: 'Version de Node.js', platform: 'Système',
};

function machine(report: BenchReport): HTMLElement {
  const generation = report.generation.map((g) => `échelle ${fmt.num(g.scale)} : ${fmt.int(g.clients)} clients, ${fmt.int(g.achats)} achats générés en ${fmt.seconds(g.seconds)}`);
  return el(
    'div',
    {},
    el('dl', { class: 'facts' }, Object.entries(report.machine).flatMap(([k, v]) => [el('dt', {}, MACHINE_LABEL[k] ?? k), el('dd', {}, typeof v === 'number' ? fmt.num(v) : v)])),
    el('ul', {}, generation.map((g) => el('li', {}, g))),
  );
}
