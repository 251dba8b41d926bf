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
const tenths = nf({ minimumFractionDigits: 1, maximumFractionDigits: 1 });
// The browser tests' context is in Europe/Paris (frenchContext): the dashboard shows times there.
const minute = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });
const growth = nf({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });

export const fr = {
  eur0: (x: number) => plain(eur0.format(x)),
  eur: (x: number) => plain(eur.format(x)),
  int: (x: number) => plain(int.format(x)),
  num: (x: number) => plain(num.format(x)),
  pct: (x: number) => plain(pct.format(x)),
  /** 02/12/2026 05:21, as a reader in France sees an ISO timestamp */
  dateTime: (iso: string) => plain(minute.format(new Date(iso))),
  /** 32,2 s; from a minute on, 12 min 05 s */
  duration: (x: number) => {
    const whole = Math.round(x);
    return x < 59.95 ? `${plain(tenths.format(x))} s` : `${plain(int.format(Math.floor(whole / 60)))} min ${String(whole % 60).padStart(2, '0')} s`;
  },
  /** +12,3 %, or a dash where there is no base to compare with */
  growth: (x: number | null) => (x === null ? '—' : plain(growth.format(x))),
};
