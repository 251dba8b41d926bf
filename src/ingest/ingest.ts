import { AppError } from '../core/errors.ts';
import { MALFORMED_TEXT, SOURCE_ROW, type Engine } from '../engines/engine.ts';
import type { Lake } from '../lake/lake.ts';
import { SOURCE_COLUMNS, validateSourceFile } from '../pipeline/bronze/validate-source.ts';
import { hashFile, listLanding, plainCsv, type LandedFile } from './landing.ts';
import { dateInName, partKey, readRegistry, registeredAs, writeRegistry, type IngestedFile, type Registry } from './registry.ts';

export interface IngestSummary {
  ingested: IngestedFile[];
  /** Files already in the lake (same content), by name. */
  skipped: string[];
  /** Files with a known name and new content (also in `ingested`). */
  newVersions: string[];
}

/**
 * Registers every new file of the landing folder `dir` in the lake and
 * writes it as its own bronze part (raw strings + `_source_file`,
 * `_source_row`, `_ingested_at`, `_ingest_seq`, `_file_date`, `_malformed_text`). A file
 * whose content was ingested before is skipped; a known name with new
 * content is a new version. Reads only the new files: a file with the name,
 * size and modification time of an ingested one is not even hashed. The
 * caller holds the lake's writer lock. `only`: these names only (`watch`
 * ingests the files it saw settle, never one that started landing since).
 */
export async function ingestLanding(
  lake: Lake, engine: Engine, dir: string, log: (line: string) => void, only?: readonly string[],
): Promise<IngestSummary> {
  const registry = await readRegistry(lake);
  const summary: IngestSummary = { ingested: [], skipped: [], newVersions: [] };
  for (const file of (await listLanding(dir)).filter((f) => only === undefined || only.includes(f.name))) {
    const same = registeredAs(registry.files, file);
    const sha256 = same?.sha256 ?? (await hashFile(file.path));
    const known = registry.files.find((f) => f.sha256 === sha256 && f.source === file.source);
    if (known !== undefined) {
      log(`ingest  ${file.name}: already ingested (#${known.seq}${known.name === file.name ? '' : ` as ${known.name}`}), skipped`);
      summary.skipped.push(file.name);
      continue;
    }
    const previous = registry.files.filter((f) => f.name === file.name);
    if (previous.length > 0) {
      log(`ingest  warning: ${file.name} was ingested before (#${previous.map((f) => f.seq).join(', #')}) with other content: a new version, its rows supersede the older ones`);
      summary.newVersions.push(file.name);
    }
    const entry = await ingestFile(lake, engine, registry, file, sha256, previous.length + 1);
    log(`ingest  ${file.name}: ${entry.rows.toLocaleString('en')} rows (#${entry.seq})`);
    summary.ingested.push(entry);
  }
  if (summary.ingested.length === 0) log(`ingest  nothing new in ${dir}`);
  return summary;
}

/** Checks a file, writes its part and then registers it (a part left by a killed ingest is never registered, and its key is reused). */
async function ingestFile(lake: Lake, engine: Engine, registry: Registry, file: LandedFile, sha256: string, version: number): Promise<IngestedFile> {
  const seq = (registry.files.at(-1)?.seq ?? 0) + 1;
  const ingestedAt = new Date().toISOString();
  const entry: IngestedFile = {
    seq, source: file.source, name: file.name, size: file.size, mtime_ms: file.mtimeMs, sha256, rows: 0,
    ingested_at: ingestedAt, file_date: dateInName(file.name) ?? ingestedAt.slice(0, 10), version, part: partKey(file.source, seq),
  };
  const csv = await plainCsv(file);
  try {
    await validateSourceFile(csv.path, SOURCE_COLUMNS[file.source]).catch((error: unknown) => {
      throw new AppError('BAD_INPUT', `${file.name} was not ingested: ${(error as Error).message}`);
    });
    const d = engine.dialect;
    // The same reader as a run's bronze: a line it cannot parse is kept with its text (silver quarantines it as malformed_row).
    await engine.registerSourceCsv('landed_file', csv.path);
    const write = await lake.stagePart(entry.part);
    entry.rows = await engine.writeAndKeep(
      `SELECT ${SOURCE_COLUMNS[file.source].join(', ')},
              ${d.literal(file.name)} AS _source_file,
              CAST(${SOURCE_ROW} AS BIGINT) AS _source_row,
              CAST(${d.literal(ingestedAt.replace('T', ' ').slice(0, 19))} AS TIMESTAMP) AS _ingested_at,
              CAST(${seq} AS BIGINT) AS _ingest_seq,
              CAST(${d.literal(entry.file_date)} AS DATE) AS _file_date,
              ${MALFORMED_TEXT}
       FROM landed_file`,
      write.path,
      'ingested_part',
    );
    await lake.commitPart(entry.part);
  } finally {
    await csv.done();
  }
  registry.files.push(entry);
  await writeRegistry(lake, registry);
  return entry;
}
