/**
 * Quoting of the two CSV writers: the server's (RFC 4180, `,`) and the
 * dashboard's (French Excel: `;`, decimal comma, BOM, CRLF).
 */
import { describe, expect, it } from 'vitest';
import { csvField, csvLine, csvText } from '../../src/core/csv.ts';
import { toCsv, type CsvColumn } from '../../web/src/components/csv.ts';

describe('server CSV (src/core/csv.ts)', () => {
  it('leaves plain fields alone and quotes commas, quotes and line breaks', () => {
    expect(csvField('Dupont')).toBe('Dupont');
    expect(csvField('Dupont, Jean')).toBe('"Dupont, Jean"');
    expect(csvField('le "grand" four')).toBe('"le ""grand"" four"');
    expect(csvField('ligne 1\nligne 2')).toBe('"ligne 1\nligne 2"');
    expect(csvField('ligne 1\r\nligne 2')).toBe('"ligne 1\r\nligne 2"');
    expect(csvField('a;b')).toBe('a;b'); // `;` is not this writer's separator
  });

  it('writes numbers as they are and null as an empty field', () => {
    expect(csvLine([1, 2.5, null, undefined, ''])).toBe('1,2.5,,,');
  });

  it('writes a header then one line per row, each ended by a newline', () => {
    expect(csvText(['nom', 'montant'], [['Four, inox', 399.9], ['"Mini" frigo', null]]))
      .toBe('nom,montant\n"Four, inox",399.9\n"""Mini"" frigo",\n');
  });
});

describe('dashboard CSV (web/src/components/csv.ts)', () => {
  interface Row { nom: string; part: number; montant: number | null }
  const columns: CsvColumn<Row>[] = [
    { header: 'Nom; prénom', value: (r) => r.nom },
    { header: 'Part', value: (r) => r.part, format: { percent: true } },
    { header: 'Montant', value: (r) => r.montant, format: { digits: 2 } },
  ];

  it('separates with `;`, quotes `;`, quotes and line breaks, keeps commas bare (French decimals)', () => {
    const text = toCsv(columns, [
      { nom: 'Dupont; Jean', part: 0.1234, montant: 1234.5 },
      { nom: 'le "grand" four', part: 1, montant: null },
      { nom: 'ligne 1\nligne 2, suite', part: 0, montant: 0 },
    ]);
    expect(text).toBe(
      '\uFEFF"Nom; prénom";Part;Montant\r\n' +
        '"Dupont; Jean";12,3;1234,50\r\n' +
        '"le ""grand"" four";100,0;\r\n' +
        '"ligne 1\nligne 2, suite";0,0;0,00\r\n',
    );
  });
});
