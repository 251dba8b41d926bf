/**
 * The French formats a reader expects, computed here independently of the
 * dashboard's own code, so the browser tests compare what is on screen with
 * the API's values formatted the French way (spaces normalised, see `plain`).
 */
import { plain } from './dashboard.ts';

const nf = (options: Intl.NumberFormatOptions) => new Intl.NumberFormat('fr-FR', options);
const eur0 = nf({ style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const eur = nf({ style: 'currency', currency: 'EUR' });
const int = nf({ maximumFractionDigits: 0 });
const num = nf({ maximumFractionDigits: 2 });
const pct = nf({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const growth = nf({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

export const fr = {
  eur0: (x: number) => plain(eur0.format(x)),
  eur: (x: number) => plain(eur.format(x)),
  int: (x: number) => plain(int.format(x)),
  num: (x: number) => plain(num.format(x)),
  pct: (x: number) => plain(pct.format(x)),
  /** +12,3 %, or a dash where there is no base to compare with */
  growth: (x: number | null) => (x === null ? '—' : plain(growth.format(x))),
};
