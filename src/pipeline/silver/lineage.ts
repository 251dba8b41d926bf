/**
 * Where a bronze row comes from across files, as SQL expressions over a
 * bronze row `b`: its file's place in the ingestion order (`_ingest_seq`:
 * for one id, the row of the latest file wins) and the export's day
 * (`_file_date`: when a client's new version starts to hold). A lake run on
 * the two plain files has one file per source: every row has the same
 * order, and no export day.
 */
export interface BronzeLineage {
  seq: string;
  fileDate: string;
}

export const SINGLE_FILE_LINEAGE: BronzeLineage = { seq: 'CAST(0 AS BIGINT)', fileDate: 'CAST(NULL AS DATE)' };
export const INGESTED_LINEAGE: BronzeLineage = { seq: 'b._ingest_seq', fileDate: 'b._file_date' };

export function lineageColumns(lineage: BronzeLineage): string {
  return `${lineage.seq} AS _ingest_seq, ${lineage.fileDate} AS _file_date`;
}
