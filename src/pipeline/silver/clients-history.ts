import { writeTable, type StageContext } from '../context.ts';
import { CLIENT_CONTENT } from './clients.ts';

/** Equal, NULL equal to NULL (written out: `IS NOT DISTINCT FROM` and `<=>` are not common to both engines). */
function same(a: string, b: string): string {
  return `coalesce(${a} = ${b}, ${a} IS NULL AND ${b} IS NULL)`;
}

/**
 * `silver/clients_history`: every version of every client (type-2 history).
 * A version is a file's row for the client (the first clean one, in a file
 * without a conflict for that id) whose content differs from the previous
 * file's: a re-export with the same values adds nothing. The first version
 * holds from the registration day, each later one from its export's day
 * (`_file_date`) up to the next one's `valid_from` (exclusive; NULL for the
 * current version, the one silver/clients holds). The version of a purchase
 * is the one with `valid_from <= date_achat < valid_to`.
 */
export async function writeClientsHistory(ctx: StageContext, acrossFiles: boolean): Promise<void> {
  if (!acrossFiles) {
    await writeTable(ctx, 'silver', 'clients_history', singleFileHistorySql());
    return;
  }
  const previous = CLIENT_CONTENT.map((c) => `lag(${c}) OVER w AS prev_${c}`).join(', ');
  const unchanged = CLIENT_CONTENT.map((c) => same(c, `prev_${c}`)).join(' AND ');
  await writeTable(
    ctx,
    'silver',
    'clients_history',
    `WITH file_versions AS (
       SELECT id_client, nom, email, email_valid, pays, date_inscription, _ingest_seq, _file_date, _source_file,
              ${previous}, row_number() OVER w AS n
       FROM classified_clients WHERE is_file_version
       WINDOW w AS (PARTITION BY id_client ORDER BY _ingest_seq)
     ),
     changes AS (
       SELECT *, CASE WHEN n = 1 THEN date_inscription ELSE coalesce(_file_date, date_inscription) END AS valid_from
       FROM file_versions WHERE n = 1 OR NOT (${unchanged})
     )
     SELECT id_client, nom, email, email_valid, pays, date_inscription, valid_from,
            lead(valid_from) OVER (PARTITION BY id_client ORDER BY _ingest_seq) AS valid_to,
            lead(valid_from) OVER (PARTITION BY id_client ORDER BY _ingest_seq) IS NULL AS is_current,
            _source_file
     FROM changes ORDER BY id_client, valid_from`,
  );
}

/**
 * The same table when every row comes from one file (a run on the two plain
 * files): each client has one version, the current one, from its
 * registration day; no window over a million clients to find that out.
 */
function singleFileHistorySql(): string {
  return `SELECT id_client, nom, email, email_valid, pays, date_inscription, date_inscription AS valid_from,
            CAST(NULL AS DATE) AS valid_to, true AS is_current, _source_file
     FROM classified_clients WHERE is_file_version ORDER BY id_client, valid_from`;
}
