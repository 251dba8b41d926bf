import type { LatestRun } from '../api/types.ts';
import { chart, type ChartOption } from '../components/chart.ts';
import { kpiCards, type Kpi } from '../components/layout.ts';
import { dataTable } from '../components/table.ts';
import { el } from '../dom.ts';
import { fmt, tip } from '../format.ts';
import { predictorLabel } from './models-metrics.ts';

/** The blocks of the Qualité page that read the run manifest. */

const SOURCE_LABEL: Record<string, string> = { clients: 'Clients', achats: 'Achats' };
const REASON_LABEL: Record<string, string> = {
  malformed_row: 'Ligne illisible', negative_amount: 'Montant négatif', invalid_amount: 'Montant invalide', invalid_date: 'Date invalide', future_date: 'Date future',
  unknown_client: 'Client inconnu', missing_product: 'Produit manquant', invalid_id: 'Identifiant invalide',
  conflicting_duplicate: 'Doublon contradictoire',
};
const REPAIR_LABEL: Record<string, string> = {
  comma_decimal: 'Virgule décimale', dmy_date: 'Date jj/mm/aaaa', produit_spelling: 'Orthographe du produit',
  pays_spelling: 'Orthographe du pays', invalid_email: 'E-mail invalide (vidé)',
};
const STAGE_LABEL: Record<string, string> = { bronze: 'Bronze', silver: 'Silver', gold: 'Gold', commit: 'Publication' };
const label = (map: Record<string, string>, key: string) => map[key] ?? key;

export function runCards(m: LatestRun): HTMLElement {
  const total = m.timings_s['total'];
  const peak = m.peak_rss_mb;
  const cards: Kpi[] = [
    { id: 'status', label: 'Dernier run', value: m.status === 'succeeded' ? 'Réussi' : 'Échoué', hint: m.run_id, tone: m.status === 'succeeded' ? 'good' : 'bad' },
    { id: 'finished_at', label: 'Terminé le', ...endTime(m) },
    // run_date is the run's reference day (later purchases are « Date future »), not when it ran: « run du … » next to « Terminé le » read as two end dates.
    { id: 'as_of', label: 'Données au', value: fmt.date(m.as_of), hint: `date de référence du run : ${fmt.date(m.run_date)}` },
    { id: 'engine', label: 'Moteur', value: m.engine, hint: `${m.engine_version} · scores : ${predictorLabel(m.model)}` },
    {
      id: 'total', label: 'Durée', value: total === undefined ? 'non mesurée' : fmt.duration(total),
      // 0 is what a manifest without its run's record says: not measured, not « 0 Mo ».
      hint: peak ? `mémoire max. : ${fmt.megabytes(peak)}` : 'mémoire max. non mesurée',
    },
  ];
  return kpiCards(cards);
}

/** The run's end; a lake without its run's record still knows when the run's data was published. */
function endTime(m: LatestRun): Pick<Kpi, 'value' | 'hint'> {
  if (m.finished_at) return { value: fmt.timestamp(m.finished_at) };
  if (m.committed_at) return { value: fmt.timestamp(m.committed_at), hint: 'heure de publication (fin non enregistrée)' };
  return { value: 'non enregistré' };
}

/** Rows at each stage per source, and whether bronze = silver + quarantine + duplicates + updated (rows a later file replaced). */
export function reconciliationTable(m: LatestRun): HTMLElement {
  const rows = Object.entries(m.reconciliation).map(([source, r]) => ({ source, ...r }));
  return dataTable(
    [
      { key: 'source', label: 'Source', cell: (r) => label(SOURCE_LABEL, r.source) },
      { key: 'bronze', label: 'Bronze', numeric: true, cell: (r) => fmt.int(r.bronze) },
      { key: 'silver', label: 'Silver', numeric: true, cell: (r) => fmt.int(r.silver) },
      { key: 'quarantine', label: 'Quarantaine', numeric: true, cell: (r) => fmt.int(r.quarantine) },
      { key: 'duplicates', label: 'Doublons retirés', numeric: true, cell: (r) => fmt.int(r.duplicates) },
      { key: 'updated', label: 'Remplacées par un fichier plus récent', numeric: true, cell: (r) => fmt.int(r.updated ?? 0) },
      { key: 'ok', label: 'Bronze = silver + quarantaine + doublons + remplacées', cell: (r) => el('span', { class: `badge ${r.ok ? 'ok' : 'ko'}` }, r.ok ? 'oui' : 'NON') },
    ],
    rows,
    // Seven columns do not fit a phone: one card per source there, each figure under its label.
    { name: 'reconciliation', caption: 'Réconciliation par source', cardsOnPhone: true },
  );
}

export function goldRowsTable(m: LatestRun): HTMLElement {
  const rows = Object.entries(m.stages.gold).map(([table, n]) => ({ table, n }));
  return dataTable(
    [
      { key: 'table', label: 'Table gold', cell: (r) => el('code', {}, r.table) },
      { key: 'rows', label: 'Lignes', numeric: true, cell: (r) => fmt.int(r.n) },
    ],
    rows,
    { name: 'gold_rows', caption: 'Lignes par table gold' },
  );
}

/** Repairs (row kept, value fixed) per source and kind. */
export function repairsTable(m: LatestRun): HTMLElement {
  const rows = Object.entries(m.repairs).flatMap(([source, kinds]) => Object.entries(kinds).map(([kind, n]) => ({ source, kind, n })));
  return dataTable(
    [
      { key: 'source', label: 'Source', cell: (r) => label(SOURCE_LABEL, r.source) },
      { key: 'kind', label: 'Réparation', cell: (r) => label(REPAIR_LABEL, r.kind) },
      { key: 'n', label: 'Lignes', numeric: true, cell: (r) => fmt.int(r.n) },
    ],
    rows,
    { name: 'repairs', caption: 'Réparations' },
  );
}

export function quarantineChart(m: LatestRun): HTMLElement {
  const sources = Object.keys(m.quarantine_by_reason);
  const reasons = [...new Set(sources.flatMap((s) => Object.keys(m.quarantine_by_reason[s] ?? {})))];
  const option: ChartOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: 'lignes', minInterval: 1, axisLabel: { formatter: tip.int } },
    yAxis: { type: 'category', data: reasons.map((r) => label(REASON_LABEL, r)), inverse: true },
    series: sources.map((s) => ({
      name: label(SOURCE_LABEL, s), type: 'bar' as const, stack: 'q',
      data: reasons.map((r) => m.quarantine_by_reason[s]?.[r] ?? 0), tooltip: { valueFormatter: tip.int },
    })),
  };
  return chart('Quarantaine par motif', option, { height: Math.max(220, reasons.length * 34 + 60) });
}

export function quarantineTable(m: LatestRun): HTMLElement {
  const rows = Object.entries(m.quarantine_by_reason).flatMap(([source, reasons]) => Object.entries(reasons).map(([reason, n]) => ({ source, reason, n })));
  return dataTable(
    [
      { key: 'source', label: 'Source', cell: (r) => label(SOURCE_LABEL, r.source) },
      { key: 'reason', label: 'Motif', cell: (r) => el('span', { title: r.reason }, label(REASON_LABEL, r.reason)) },
      { key: 'n', label: 'Lignes', numeric: true, cell: (r) => fmt.int(r.n) },
    ],
    rows,
    { name: 'quarantine', caption: 'Quarantaine par motif' },
  );
}

export function timingsChart(m: LatestRun): HTMLElement {
  const stages = Object.keys(m.timings_s).filter((s) => s !== 'total');
  const option: ChartOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', name: 'étape', data: stages.map((s) => label(STAGE_LABEL, s)) },
    yAxis: { type: 'value', name: 'secondes', axisLabel: { formatter: tip.seconds } },
    series: [{ name: 'Durée', type: 'bar', data: stages.map((s) => m.timings_s[s] ?? 0), tooltip: { valueFormatter: tip.seconds } }],
  };
  return chart('Durée par étape', option, { height: 220 });
}
