import type { Dialect } from '../../engines/dialect.ts';
import { lineageColumns, SINGLE_FILE_LINEAGE, type BronzeLineage } from './lineage.ts';
import { canonicalSpellings, cleanText, parseAmount, parseDates, parseId } from './rules.ts';

/** Reason codes for purchases, in the order they are applied (docs/contract/sources.md). */
export const ACHAT_REASONS = [
  'malformed_row',
  'negative_amount',
  'invalid_amount',
  'invalid_date',
  'future_date',
  'unknown_client',
  'missing_product',
  'invalid_id',
  'conflicting_duplicate',
] as const;
export const ACHAT_REPAIRS = ['comma_decimal', 'dmy_date', 'produit_spelling'] as const;

/**
 * Every bronze purchase row, parsed, with its first defect (before duplicate
 * checks) in `_reason`. Needs `silver_clients` (valid clients) for
 * `unknown_client`. Each value is parsed once, in the inner query. The raw
 * text is not carried along (1.8M wide rows materialised twice at scale
 * 100): the quarantine takes it back from bronze (entity.ts).
 */
export function parsedAchatsSql(d: Dialect, runDate: string, lineage: BronzeLineage = SINGLE_FILE_LINEAGE): string {
  return `WITH produit_canon AS (${canonicalSpellings('bronze_achats', 'produit')}),
    parsed AS (
      SELECT b._source_file, b._source_row, b._malformed_text, ${lineageColumns(lineage)},
             ${parseId(d, 'b.id_achat')} AS id_achat,
             ${parseId(d, 'b.id_client')} AS id_client,
             ${parseDates(d, 'b.date_achat')},
             ${parseAmount(d, 'b.montant')},
             pc.canonical AS produit,
             (pc.canonical IS NOT NULL AND pc.canonical <> b.produit) AS rep_produit_spelling
      FROM bronze_achats b
      LEFT JOIN produit_canon pc ON pc.label_key = lower(${cleanText('b.produit')})
    )
    SELECT p.*,
           CASE
             WHEN p._malformed_text IS NOT NULL THEN 'malformed_row'
             WHEN p.montant < 0 THEN 'negative_amount'
             WHEN p.montant IS NULL THEN 'invalid_amount'
             WHEN p.date_achat IS NULL THEN 'invalid_date'
             WHEN p.date_achat > DATE ${d.literal(runDate)} THEN 'future_date'
             WHEN c.id_client IS NULL THEN 'unknown_client'
             WHEN p.produit IS NULL THEN 'missing_product'
             WHEN p.id_achat IS NULL THEN 'invalid_id'
           END AS _reason
    FROM parsed p LEFT JOIN silver_clients c ON c.id_client = p.id_client`;
}

export const ACHAT_CONTENT = ['id_client', 'date_achat', 'montant', 'produit'] as const;
