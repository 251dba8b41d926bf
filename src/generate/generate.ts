import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { COUNTRIES, FIRST_NAMES, LAST_NAMES, PRODUCTS, cumulative } from './catalog.ts';
import { ACHAT_DEFECTS, CLIENT_DEFECTS, noisy, toDmy } from './defects.ts';
import { DatedFileSink, SingleFileSink, type RowSink } from './dated-writer.ts';
import { Random } from './random.ts';
import { csvLine } from '../core/csv.ts';

export interface GenerateOptions {
  scale: number;
  seed: number;
  dirty: number;
  out: string;
  /** Given: the history as dated files of this many days each (`clients_2019-01-01.csv`, `achats_…`), as an ERP drops them. */
  daysPerFile?: number | undefined;
}

export interface GenerateSummary {
  clients: number;
  achats: number;
  clientRows: number;
  achatRows: number;
  dirtyClientRows: number;
  dirtyAchatRows: number;
  from: string;
  to: string;
}

const CLIENTS_PER_SCALE = 10_000;
const FIRST_DAY = Date.UTC(2019, 0, 1) / 86_400_000;
/** Fixed end of history, so the same seed gives the same files whatever the date. */
const LAST_DAY = Date.UTC(2025, 11, 31) / 86_400_000;
const YEAR = 365.25;

/**
 * Customers follow a buy-till-you-die process, as appliance buyers do: a
 * slow personal purchase rate (most buy every few years), a chance to
 * leave after each purchase, and a personal spend level. Many buy once,
 * some stay loyal for years, some stop.
 */
export async function generateSources(options: GenerateOptions): Promise<GenerateSummary> {
  const random = new Random(options.seed);
  const nClients = Math.round(options.scale * CLIENTS_PER_SCALE);
  const days = dayLabels();
  const productCdf = cumulative(PRODUCTS);
  const countryCdf = cumulative(COUNTRIES);

  await mkdir(options.out, { recursive: true });
  const sink = (name: string, header: string): RowSink =>
    options.daysPerFile === undefined
      ? new SingleFileSink(join(options.out, `${name}.csv`), header)
      : new DatedFileSink(options.out, name, header, FIRST_DAY, options.daysPerFile);
  // A client's row is dated by registration, a purchase's by its day, so a
  // client's file never comes after the files of its purchases.
  const clients = sink('clients', 'id_client,nom,email,pays,date_inscription');
  const achats = sink('achats', 'id_achat,id_client,date_achat,montant,produit');
  const summary: GenerateSummary = {
    clients: nClients, achats: 0, clientRows: 0, achatRows: 0, dirtyClientRows: 0, dirtyAchatRows: 0,
    from: days(FIRST_DAY), to: days(LAST_DAY),
  };
  let idAchat = 0;

  for (let idClient = 1; idClient <= nClients; idClient++) {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const pays = COUNTRIES[random.pickCumulative(countryCdf)]?.name ?? 'France';
    const signup = FIRST_DAY + random.int(LAST_DAY - FIRST_DAY - 30);
    const email = `${first}.${last}${idClient}@exemple.fr`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    const clientFields = [String(idClient), `${first} ${last}`, email, pays, days(signup)];
    summary.clientRows += writeClient(clients, random, clientFields, signup, options.dirty, summary);

    if (random.next() < 0.1) continue; // registered, never bought
    const rate = random.gamma(0.9, 0.55) / YEAR; // purchases per day while alive
    const dropout = random.beta(0.7, 2.3); // chance to leave after each purchase
    const spend = random.gamma(6, 1 / 6); // personal spend level, mean 1
    let day = signup + Math.floor(random.exponential(20));
    while (day <= LAST_DAY) {
      const product = PRODUCTS[random.pickCumulative(productCdf)] ?? PRODUCTS[0];
      const montant = product.price * Math.sqrt(spend) * Math.exp(0.12 * random.normal());
      idAchat++;
      summary.achats++;
      const fields = [String(idAchat), String(idClient), days(day), montant.toFixed(2), product.name];
      summary.achatRows += writeAchat(achats, random, fields, day, options.dirty, summary);
      if (random.next() < dropout) break;
      day += Math.max(1, Math.floor(random.exponential(1 / Math.max(rate, 1e-6))));
    }
  }
  await Promise.all([clients.close(), achats.close()]);
  return summary;
}

function writeClient(sink: RowSink, random: Random, fields: string[], day: number, rate: number, summary: GenerateSummary): number {
  const out = { row: (f: string[]): number => sink.row(f, day), line: (text: string): number => sink.line(text, day) };
  if (random.next() >= rate) return out.row(fields);
  summary.dirtyClientRows++;
  const f = [...fields];
  switch (random.pick(CLIENT_DEFECTS)) {
    case 'pays_noise': f[3] = noisy(random, f[3] ?? ''); break;
    case 'dmy_date': f[4] = toDmy(f[4] ?? ''); break;
    case 'invalid_email': f[2] = (f[2] ?? '').replace('@', ' at '); break;
    case 'invalid_id': f[0] = `C${f[0]}`; break;
    case 'invalid_date': f[4] = '2021-02-30'; break;
    case 'exact_duplicate': return out.row(f) + out.row(f);
    case 'conflicting_duplicate': return out.row(f) + out.row([f[0] ?? '', f[1] ?? '', f[2] ?? '', 'France', '2019-01-01']);
    case 'malformed_row': return out.line(csvLine(f.slice(0, -1))); // a field short
  }
  return out.row(f);
}

function writeAchat(sink: RowSink, random: Random, fields: string[], day: number, rate: number, summary: GenerateSummary): number {
  const out = { row: (f: string[]): number => sink.row(f, day), line: (text: string): number => sink.line(text, day) };
  if (random.next() >= rate) return out.row(fields);
  summary.dirtyAchatRows++;
  const f = [...fields];
  switch (random.pick(ACHAT_DEFECTS)) {
    case 'comma_decimal': f[3] = (f[3] ?? '').replace('.', ','); break;
    case 'dmy_date': f[2] = toDmy(f[2] ?? ''); break;
    case 'produit_noise': f[4] = noisy(random, f[4] ?? ''); break;
    case 'negative_amount': f[3] = `-${f[3]}`; break;
    case 'invalid_amount': f[3] = random.pick(['N/A', 'abc', '12.3.4', '']); break;
    case 'invalid_date': f[2] = random.pick(['2023-13-45', 'hier', '', '31/02/2022']); break;
    case 'future_date': f[2] = '2099-06-15'; break;
    case 'unknown_client': f[1] = '999999999'; break;
    case 'missing_product': f[4] = random.pick(['', '   ']); break;
    case 'invalid_id': f[0] = random.pick(['', 'A-1', '-5']); break;
    case 'exact_duplicate': return out.row(f) + out.row(f);
    case 'conflicting_duplicate': return out.row(f) + out.row([f[0] ?? '', f[1] ?? '', f[2] ?? '', '1.00', f[4] ?? '']);
    case 'malformed_row': f[3] = (f[3] ?? '').replace('.', ','); return out.line(f.join(',')); // `12,5` unquoted: a field too many
  }
  return out.row(f);
}

/** ISO labels of every day in the generated range and a little beyond, computed once. */
function dayLabels(): (day: number) => string {
  const cache = new Map<number, string>();
  return (day) => {
    let label = cache.get(day);
    if (label === undefined) {
      label = new Date(day * 86_400_000).toISOString().slice(0, 10);
      cache.set(day, label);
    }
    return label;
  };
}
