import { onMeta } from './api/client.ts';
import { fmt } from './format.ts';
import { benchmarkPage } from './pages/benchmark.ts';
import { clientsPage } from './pages/clients.ts';
import { cohortesPage } from './pages/cohortes.ts';
import { modelesPage } from './pages/modeles.ts';
import { overviewPage } from './pages/overview.ts';
import { qualitePage } from './pages/qualite.ts';
import { ventesPage } from './pages/ventes.ts';
import { startRouter } from './router.ts';
import { allows, login, sessionBadge } from './auth/session.ts';

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const asOf = document.getElementById('as-of');
if (!view || !nav || !asOf) throw new Error('index.html: #view, #nav ou #as-of manquant');

// The date the figures describe, from whichever answer brings it first.
onMeta((meta) => {
  if (meta.as_of) asOf.textContent = `Données au ${fmt.longDate(meta.as_of)}`;
});

// The pages of the lake's and models' internals are for admin tokens only.
const ADMIN_PAGES = new Set([qualitePage, benchmarkPage, modelesPage]);
const session = await login(view);
asOf.after(sessionBadge(session));
const pages = [overviewPage, ventesPage, clientsPage, cohortesPage, qualitePage, benchmarkPage, modelesPage];
startRouter(pages.filter((p) => !ADMIN_PAGES.has(p) || allows(session, 'admin')), view, nav);
