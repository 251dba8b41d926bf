import type { DistributionRow } from '../api/types.ts';
import { dataTable } from '../components/table.ts';
import { fmt } from '../format.ts';

interface SalesRow {
  label: string;
  ca: number | null;
  n_achats: number | null;
  n_clients: number | null;
  panier_moyen: number | null;
}

/** CA, purchases, customers and basket per country or product, with each one's share of the total. */
export function salesTable(name: string, labelTitle: string, rows: SalesRow[]): HTMLElement {
  const total = rows.reduce((sum, r) => sum + (r.ca ?? 0), 0);
  return dataTable(
    [
      { key: 'label', label: labelTitle, cell: (r) => r.label },
      { key: 'ca', label: 'CA', numeric: true, cell: (r) => fmt.eur0(r.ca) },
      { key: 'share', label: 'Part du CA', numeric: true, cell: (r) => fmt.pct(total > 0 && r.ca !== null ? r.ca / total : null) },
      { key: 'n_achats', label: 'Achats', numeric: true, cell: (r) => fmt.int(r.n_achats) },
      { key: 'n_clients', label: 'Clients', numeric: true, cell: (r) => fmt.int(r.n_clients) },
      { key: 'panier_moyen', label: 'Panier moyen', numeric: true, cell: (r) => fmt.eur(r.panier_moyen) },
    ],
    rows,
    { name, caption: `CA par ${labelTitle.toLowerCase()}` },
  );
}

export function distributionTable(buckets: DistributionRow[]): HTMLElement {
  return dataTable(
    [
      { key: 'bucket', label: 'Montant du panier', cell: (b) => b.bucket ?? '—' },
      { key: 'n_achats', label: 'Achats', numeric: true, cell: (b) => fmt.int(b.n_achats) },
      { key: 'share_achats', label: 'Part des achats', numeric: true, cell: (b) => fmt.pct(b.share_achats) },
      { key: 'ca', label: 'CA', numeric: true, cell: (b) => fmt.eur0(b.ca) },
    ],
    buckets,
    { name: 'distribution', caption: 'Montant des paniers' },
  );
}
