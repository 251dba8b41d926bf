import type { Dialect } from '../../engines/dialect.ts';
import { lineageColumns, SINGLE_FILE_LINEAGE, type BronzeLineage } from './lineage.ts';
import { canonicalSpellings, cleanText, isValidEmail, parseDates, parseId } from './rules.ts';

/** Reason codes for clients, in the order they are applied (docs/contract/sources.md). */
export const CLIENT_REASONS = ['malformed_row', 'invalid_id', 'invalid_date', 'conflicting_duplicate'] as const;
export const CLIENT_REPAIRS = ['dmy_date', 'pays_spelling', 'invalid_email'] as const;

/**
 * Every bronze client row, parsed, with its first defect (before duplicate
 * checks) in `_reason`; the raw text stays in bronze (see achats.ts).
 */
export function parsedClientsSql(d: Dialect, lineage: BronzeLineage = SINGLE_FILE_LINEAGE): string {
  return `WITH pays_canon AS (${canonicalSpellings('bronze_clients', 'pays')}),
    parsed AS (
      SELECT b._source_file, b._source_row, b._malformed_text, ${lineageColumns(lineage)},
             ${parseId(d, 'b.id_client')} AS id_client,
             ${cleanText('b.nom')} AS nom,
             trim(b.email) AS trimmed_email,
             ${isValidEmail(d, 'b.email')} AS email_valid,
             pc.canonical AS pays,
             ${parseDates(d, 'b.date_inscription', 'date_inscription')},
             (pc.canonical IS NOT NULL AND pc.canonical <> b.pays) AS rep_pays_spelling
      FROM bronze_clients b
      LEFT JOIN pays_canon pc ON pc.label_key = lower(${cleanText('b.pays')})
    )
    SELECT p.*,
           CASE WHEN p.email_valid THEN p.trimmed_email END AS email,
           NOT p.email_valid AS rep_invalid_email,
           CASE
             WHEN p._malformed_text IS NOT NULL THEN 'malformed_row'
             WHEN p.id_client IS NULL THEN 'invalid_id'
             WHEN p.date_inscription IS NULL THEN 'invalid_date'
           END AS _reason
    FROM parsed p`;
}

/** The typed content that decides whether two rows with the same id are the same client. */
export const CLIENT_CONTENT = ['nom', 'email', 'pays', 'date_inscription'] as const;
