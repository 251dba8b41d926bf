import type { Purchase } from '../api/types.ts';
import { chart } from '../components/chart.ts';
import { dataTable } from '../components/table.ts';
import { fmt, parseDay, tip } from '../format.ts';

const DAY_MS = 86_400_000;

/** A client's purchases on a time line from their registration to the data's date: when, and how much (a bar per purchase). */
export function purchaseTimeline(purchases: Purchase[], since: string | null, asOf: string): HTMLElement {
  const first = purchases.at(-1)?.date_achat ?? asOf;
  const start = parseDay(since && since < first ? since : first).getTime() - 15 * DAY_MS;
  return chart('Achats du client dans le temps', {
    tooltip: { trigger: 'item', formatter: (p: unknown) => {
      const [date, montant, produit] = (p as { value: [string, number, string] }).value;
      return `${fmt.date(date)} : ${produit} — ${fmt.eur(montant)}`;
    } },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: {
      type: 'time', name: 'date d’achat', nameLocation: 'middle', nameGap: 28, min: start, max: parseDay(asOf).getTime() + 15 * DAY_MS,
      minInterval: 28 * DAY_MS, axisLabel: { formatter: (v: number) => fmt.month(new Date(v).toISOString()), hideOverlap: true },
    },
    yAxis: { type: 'value', name: 'montant (€)', axisLabel: { formatter: tip.eurShort } },
    series: [{ name: 'Achat', type: 'bar', barMaxWidth: 14, data: [...purchases].reverse().map((p) => [p.date_achat, p.montant, p.produit ?? '—']) }],
  }, { height: 220 });
}

export function purchaseTable(purchases: Purchase[]): HTMLElement {
  return dataTable(
    [
      { key: 'date_achat', label: 'Date', cell: (p) => fmt.date(p.date_achat) },
      { key: 'produit', label: 'Produit', cell: (p) => p.produit ?? '—' },
      { key: 'montant', label: 'Montant', numeric: true, cell: (p) => fmt.eur(p.montant) },
      { key: 'id_achat', label: 'N° d’achat', numeric: true, cell: (p) => String(p.id_achat) },
    ],
    purchases,
    { name: 'purchases', caption: 'Achats du client, du plus récent au plus ancien' },
  );
}
