import { callListPage } from './pages/call-list.ts';
import { benchmarkPage } from './pages/benchmark.ts';
import { clientPage } from './pages/client.ts';
import { clientsPage } from './pages/clients.ts';
import { cohortsPage } from './pages/cohorts.ts';
import { modelsPage } from './pages/models.ts';
import { qualityPage } from './pages/quality.ts';
import { salesPage } from './pages/sales.ts';
import { overviewPage } from './pages/overview.ts';
import { startRouter } from './router.ts';
import { allows, login, sessionBadge } from './auth/session.ts';
import { showDataDate } from './shell/data-date.ts';
import { clientSearch } from './shell/search.ts';

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const asOf = document.getElementById('as-of');
const search = document.getElementById('search');
if (!view || !nav || !asOf || !search) throw new Error('index.html: #view, #nav, #as-of ou #search manquant');

// The pages of the lake's and models' internals are for admin tokens only;
// the client pages (names, e-mails) for sales and admin tokens.
const ADMIN_PAGES = new Set([qualityPage, benchmarkPage, modelsPage]);
const SALES_PAGES = new Set([callListPage, clientPage]);
const session = await login(view);
asOf.after(sessionBadge(session));
if (allows(session, 'sales')) search.replaceWith(clientSearch());
else search.remove();
void showDataDate(asOf);
// « À appeler » first: it is the page a sales user opens every morning (and `#/` lands on it).
const pages = [callListPage, overviewPage, salesPage, clientsPage, cohortsPage, qualityPage, benchmarkPage, modelsPage, clientPage];
startRouter(
  pages.filter((p) => (!ADMIN_PAGES.has(p) || allows(session, 'admin')) && (!SALES_PAGES.has(p) || allows(session, 'sales'))),
  view,
  nav,
);
