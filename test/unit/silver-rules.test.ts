import { describe, expect, it } from 'vitest';
import { runOnFixture } from '../support/mini-lake.ts';

const CLIENTS = [
  '1,Alice Martin,alice@exemple.fr,France,2020-01-15',
  '2,Bob Durand,bob at exemple.fr,  france ,15/02/2020', // invalid e-mail, pays noise, dd/mm/yyyy
  '3,Chloé Petit,chloe@exemple.fr,FRANCE,2020-03-01',
  '4,Denis Roux,denis@exemple.fr,Belgique,2020-04-01',
  '4,Denis Roux,denis@exemple.fr,Belgique,2020-04-01', // exact duplicate
  '5,Eve Simon,eve@exemple.fr,France,2020-05-01',
  '5,Eve Simon,eve@exemple.fr,Suisse,2020-05-01', // conflicting duplicate
  'C6,Fred,fred@exemple.fr,France,2020-01-01', // invalid id
  '7,Gina,gina@exemple.fr,France,2021-02-30', // invalid date
  '8,Hugo Blanc,hugo@exemple.fr', // fields missing: malformed
];

const ACHATS = [
  '10,1,2024-01-10,100.50,Four',
  '11,1,10/02/2024,"99,90",four', // dd/mm/yyyy, comma decimal, case noise
  '12,2,2024-03-01,-5.00,Four', // negative
  '13,2,2024-03-01,N/A,Four', // invalid amount
  '14,2,2024-13-45,10,Four', // invalid date
  '15,2,2099-01-01,10,Four', // future
  '16,999,2024-03-01,10,Four', // unknown client
  '17,3,2024-03-01,10,  ', // missing product
  'A-1,3,2024-03-01,10,Four', // invalid id
  '18,3,2024-03-02,20,Four',
  '18,3,2024-03-02,20,Four', // exact duplicate
  '19,3,2024-03-03,20,Four',
  '19,3,2024-03-03,25,Four', // conflicting duplicate: both versions
  '20,5,2024-03-03,25,Four', // client 5 is quarantined → unknown_client
  '21,1,2024-04-01,-1,2024-99-99', // negative amount wins over invalid date (first reason in the contract order)
  '22,3,2024-05-01,30,Four ',
  '23,3,2024-05-02,12,5,Four', // unquoted comma decimal, a field too many: malformed
];

describe('silver cleaning rules (docs/contract/sources.md)', async () => {
  const { manifest, table } = await runOnFixture(CLIENTS, ACHATS);

  it('quarantines each defective purchase with its first reason, in the contract order', async () => {
    const rows = await table('silver', 'quarantine_achats', '_source_row');
    expect(rows.map((r) => [r['id_achat'], r['_reason']])).toEqual([
      ['12', 'negative_amount'],
      ['13', 'invalid_amount'],
      ['14', 'invalid_date'],
      ['15', 'future_date'],
      ['16', 'unknown_client'],
      ['17', 'missing_product'],
      ['A-1', 'invalid_id'],
      ['19', 'conflicting_duplicate'],
      ['19', 'conflicting_duplicate'],
      ['20', 'unknown_client'],
      ['21', 'negative_amount'],
      [null, 'malformed_row'],
    ]);
    expect(rows[0]?.['montant']).toBe('-5.00'); // raw text kept
    expect(rows.at(-1)).toMatchObject({ _source_row: 17, _malformed_text: '23,3,2024-05-02,12,5,Four' });
  });

  it('quarantines defective clients and both versions of a conflicting one', async () => {
    const rows = await table('silver', 'quarantine_clients', '_source_row');
    expect(rows.map((r) => [r['id_client'], r['_reason']])).toEqual([
      ['5', 'conflicting_duplicate'],
      ['5', 'conflicting_duplicate'],
      ['C6', 'invalid_id'],
      ['7', 'invalid_date'],
      [null, 'malformed_row'],
    ]);
    expect(rows.at(-1)).toMatchObject({ _source_row: 10, _malformed_text: '8,Hugo Blanc,hugo@exemple.fr' });
  });

  it('repairs comma decimals, dd/mm/yyyy dates and spelling noise', async () => {
    const achats = await table('silver', 'achats', 'id_achat');
    expect(achats.map((r) => [r['id_achat'], r['date_achat'], r['montant'], r['produit']])).toEqual([
      [10, '2024-01-10', 100.5, 'Four'],
      [11, '2024-02-10', 99.9, 'Four'],
      [18, '2024-03-02', 20, 'Four'],
      [22, '2024-05-01', 30, 'Four'],
    ]);
    expect(manifest.repairs['achats']).toEqual({ comma_decimal: 1, dmy_date: 1, produit_spelling: 2 });
  });

  it('nulls invalid e-mails, keeps the row, and picks the most frequent country spelling', async () => {
    const clients = await table('silver', 'clients', 'id_client');
    const bob = clients.find((c) => c['id_client'] === 2);
    expect(bob).toMatchObject({ email: null, email_valid: false, pays: 'France', date_inscription: '2020-02-15' });
    expect(clients.find((c) => c['id_client'] === 3)?.['pays']).toBe('France');
    expect(clients.map((c) => c['id_client'])).toEqual([1, 2, 3, 4]);
    expect(manifest.repairs['clients']).toEqual({ dmy_date: 1, pays_spelling: 2, invalid_email: 1 });
  });

  it('reconciles bronze = silver + quarantine + duplicates, and counts every reason', () => {
    expect(manifest.reconciliation['achats']).toEqual({ bronze: 17, silver: 4, quarantine: 12, duplicates: 1, updated: 0, ok: true });
    expect(manifest.reconciliation['clients']).toEqual({ bronze: 10, silver: 4, quarantine: 5, duplicates: 1, updated: 0, ok: true });
    expect(manifest.quarantine_by_reason['achats']).toEqual({
      malformed_row: 1, negative_amount: 2, invalid_amount: 1, invalid_date: 1, future_date: 1, unknown_client: 2,
      missing_product: 1, invalid_id: 1, conflicting_duplicate: 2,
    });
    expect(manifest.quarantine_by_reason['clients']).toEqual({ malformed_row: 1, invalid_id: 1, invalid_date: 1, conflicting_duplicate: 2 });
  });

  it('keeps lineage in bronze: raw strings, source file and row', async () => {
    const bronze = await table('bronze', 'achats', '_source_row');
    expect(bronze).toHaveLength(17);
    expect(bronze[1]).toMatchObject({ id_achat: '11', montant: '99,90', _source_file: 'achats.csv', _source_row: 2 });
  });
});
