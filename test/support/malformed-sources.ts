import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A record the CSV reader cannot parse, put into a source on purpose, and where. */
export interface MalformedRecord {
  source: 'clients' | 'achats';
  /** Its `_source_row`: 1 = the first record after the header. */
  row: number;
  text: string;
}

/**
 * Puts malformed records into generated sources (one record per line
 * there): ragged lines in the middle of both files (a field too many from
 * an unquoted `12,5`, fields missing) and a truncated last line in
 * achats.csv (cut inside a quoted field, no newline). Returns them.
 */
export function addMalformedRecords(sources: string): MalformedRecord[] {
  const added: MalformedRecord[] = [];
  const insert = (source: MalformedRecord['source'], texts: string[], truncatedEnd?: string): void => {
    const path = join(sources, `${source}.csv`);
    const lines = readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
    texts.forEach((text, i) => {
      // Spread over the file: the records before each one stay where they were.
      const at = Math.floor(((i + 1) * lines.length) / (texts.length + 1));
      lines.splice(at, 0, text);
    });
    lines.forEach((text, index) => {
      if (texts.includes(text)) added.push({ source, row: index, text });
    });
    let body = `${lines.join('\n')}\n`;
    if (truncatedEnd !== undefined) {
      body += truncatedEnd;
      added.push({ source, row: lines.length, text: truncatedEnd });
    }
    writeFileSync(path, body);
  };
  insert('achats', ['900001,1,2021-03-04,12,5,Four', '900002,1'], '900003,1,2021-05-06,"49');
  insert('clients', ['900004,Jean Dupont,jean.dupont@exemple.fr']);
  return added;
}
