import { ApiError } from '../api/client.ts';
import { api } from '../api/endpoints.ts';
import type { ClientDetail } from '../api/types.ts';
import { grid, kpiCards, pageHeader, section } from '../components/layout.ts';
import { el } from '../dom.ts';
import { fmt, parseDay } from '../format.ts';
import { actionLabel, ACTIONS } from './call-list-query.ts';
import { purchaseTable, purchaseTimeline } from './client-history.ts';
import { segmentBadge } from './clients-columns.ts';
import { NoData, type Page } from './page.ts';

/**
 * A client's page (`#/clients/{id}`), reached from any client name and from
 * the search box: who they are and how to reach them, what the scores say
 * about them in plain French, what to do and why, and every purchase.
 */
export const clientPage: Page = {
  path: 'client',
  title: 'Fiche client',
  pattern: /^clients\/([^/?]+)$/,
  async render({ params, signal }) {
    const id = Number(params[0]);
    if (!Number.isInteger(id) || id < 1) throw new NoData({ title: 'Numéro de client invalide', steps: [`« ${params[0] ?? ''} » n’est pas un numéro de client. Cherchez le client par son nom en haut de la page.`] });
    const client = await api.client(id, signal).catch((error: unknown) => {
      if (error instanceof ApiError && error.status === 404) throw new NoData({ title: `Aucun client n° ${id}`, steps: ['Ce numéro n’existe pas dans les données. Cherchez le client par son nom en haut de la page.'] });
      throw error;
    });
    const c = client.data;
    // Ages are told from the data's date, as the reason is: « il y a 14 mois » in both places.
    const asOf = client.meta.as_of ?? new Date().toISOString().slice(0, 10);
    document.title = `${c.nom ?? `Client ${id}`} — electrolake`;
    return el(
      'div',
      { 'data-client': id },
      pageHeader(c.nom ?? `Client n° ${id}`, el('span', { class: 'client-meta' }, `Client n° ${id}`, segmentBadge(c.segment_label), c.action ? el('span', { class: 'badge action', 'data-action': c.action }, actionLabel(c.action)) : null)),
      grid(
        section('Contact', contact(c, asOf)),
        section('Pourquoi l’appeler', advice(c)),
      ),
      section('Ce que disent les scores', kpiCards(scores(c))),
      section(`Achats (${fmt.int(c.purchases.length)})`, c.purchases.length === 0
        ? el('p', { class: 'muted' }, 'Ce client n’a encore rien acheté.')
        : el('div', {}, purchaseTimeline(c.purchases, c.date_inscription ?? c.first_purchase_date, asOf), purchaseTable(c.purchases))),
    );
  },
};

function contact(c: ClientDetail, asOf: string): HTMLElement {
  const f = c.features;
  const fact = (label: string, value: Node | string) => [el('dt', {}, label), el('dd', {}, value)];
  return el('dl', { class: 'facts' },
    fact('E-mail', c.email ? el('a', { href: `mailto:${c.email}` }, c.email) : 'pas d’adresse valide'),
    fact('Pays', c.pays ?? 'Inconnu'),
    fact('Client depuis le', fmt.date(c.date_inscription)),
    fact('Premier achat', c.first_purchase_date ? fmt.date(c.first_purchase_date) : 'aucun'),
    fact('Dernier achat', c.last_purchase_date ? `${fmt.date(c.last_purchase_date)} (${fmt.age(c.last_purchase_date, parseDay(asOf))})` : 'aucun'),
    fact('Achats', `${fmt.int(f.total_orders_all)} pour ${fmt.eur(f.total_spend_all)} (panier moyen ${fmt.eur(f.avg_order_value_all)})`),
  );
}

function advice(c: ClientDetail): HTMLElement {
  const action = ACTIONS.find((a) => a.action === c.action);
  return el('div', { class: 'advice' },
    c.reason ? el('p', { class: 'reason', 'data-field': 'reason' }, c.reason) : el('p', { class: 'muted' }, 'Ce client n’est pas dans la liste d’appels : rien à gagner à l’appeler pour l’instant.'),
    action && el('p', { class: 'action' }, `${action.label} : ${action.hint}.`),
  );
}

function scores(c: ClientDetail) {
  return [
    { id: 'prob_reachat_12m', label: 'Chances de racheter', value: fmt.pct(c.scores.prob_reachat_12m), hint: 'probabilité d’au moins un achat dans les 12 prochains mois' },
    { id: 'expected_value_12m', label: 'Valeur attendue', value: fmt.eur(c.scores.expected_value_12m), hint: 'ce qu’il devrait dépenser dans l’année (chances × panier)', tone: 'good' as const },
    { id: 'value_at_risk_12m', label: 'Valeur à risque', value: fmt.eur(c.scores.value_at_risk_12m), hint: 'ce que le magasin perd s’il ne revient pas', tone: 'bad' as const },
    { id: 'monetary_12m', label: 'Dépense des 12 derniers mois', value: fmt.eur(c.features.monetary_12m), hint: `${fmt.int(c.features.freq_12m)} achat(s) sur l’année` },
  ];
}
