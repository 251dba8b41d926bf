import { api } from '../api/endpoints.ts';
import type { ScoreRow } from '../api/types.ts';
import { downloadCsv, fetchAll, slug, toCsv, type CsvColumn } from '../components/csv.ts';
import { isoDay, parseDay } from '../format.ts';
import { scoresQuery, type ClientFilters } from './clients-query.ts';

/** The day of the last purchase: the data's date minus the days since it. */
export function lastPurchaseDate(asOf: string | null, recencyDays: number | null | undefined): string | null {
  if (!asOf || recencyDays === null || recencyDays === undefined) return null;
  const day = parseDay(asOf);
  day.setUTCDate(day.getUTCDate() - recencyDays);
  return isoDay(day);
}

function columns(asOf: string | null): CsvColumn<ScoreRow>[] {
  return [
    { header: 'N° client', value: (r) => r.id_client },
    { header: 'Nom', value: (r) => r.nom },
    { header: 'Pays', value: (r) => r.pays },
    { header: 'Segment', value: (r) => r.segment_label },
    { header: 'Prob. de ré-achat 12 mois (%)', value: (r) => r.prob_reachat_12m, format: { percent: true } },
    { header: 'Valeur attendue 12 mois (€)', value: (r) => r.expected_value_12m, format: { digits: 2 } },
    { header: 'Valeur à risque 12 mois (€)', value: (r) => r.value_at_risk_12m, format: { digits: 2 } },
    { header: 'Dernier achat', value: (r) => lastPurchaseDate(asOf, r.recency_days), format: { date: true } },
    { header: 'Achats', value: (r) => r.total_orders_all },
    { header: 'Dépense totale (€)', value: (r) => r.total_spend_all, format: { digits: 2 } },
  ];
}

/** Every customer matching the filters, in the list's order, as a CSV file (see components/csv.ts for the format). */
export async function exportCsv(filters: ClientFilters, signal: AbortSignal, progress: (done: number, total: number) => void): Promise<{ rows: number; filename: string }> {
  const { rows, asOf } = await fetchAll((window) => api.scores(scoresQuery(filters, window), signal), progress);
  const filename = `clients${filters.segment ? `_${slug(filters.segment)}` : ''}${filters.pays ? `_${slug(filters.pays)}` : ''}_${isoDay(new Date())}.csv`;
  downloadCsv(toCsv(columns(asOf), rows), filename);
  return { rows: rows.length, filename };
}
