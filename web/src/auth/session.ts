import { el, replace } from '../dom.ts';

/**
 * The dashboard's session: the API token, asked once and kept in
 * sessionStorage (gone when the tab closes), sent by every request (see
 * `authHeaders`), and the role the API gives it, which decides the pages
 * shown. Without tokens on the server, no question is asked.
 */
export type Role = 'viewer' | 'sales' | 'admin';

export interface Session {
  name: string;
  role: Role;
  /** False when the server asks for no token. */
  auth: boolean;
}

const KEY = 'electrolake.token';

export const ROLE_LABELS: Record<Role, string> = { viewer: 'Lecture', sales: 'Commercial', admin: 'Administrateur' };

const RANK: Record<Role, number> = { viewer: 0, sales: 1, admin: 2 };

export function allows(session: Session, needed: Role): boolean {
  return RANK[session.role] >= RANK[needed];
}

export function authHeaders(): Record<string, string> {
  const token = sessionStorage.getItem(KEY);
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Forgets the token and shows the login form again. */
export function logout(): void {
  sessionStorage.removeItem(KEY);
  location.reload();
}

/** The session, asking for a token in `view` until the API accepts one. */
export async function login(view: HTMLElement): Promise<Session> {
  let refused: string | undefined;
  for (;;) {
    const response = await fetch('./me', { headers: { accept: 'application/json', ...authHeaders() } });
    if (response.ok) return ((await response.json()) as { data: Session }).data;
    if (response.status !== 401) throw new Error(`le serveur refuse la connexion (HTTP ${response.status})`);
    if (sessionStorage.getItem(KEY)) refused = 'Jeton inconnu ou révoqué.';
    sessionStorage.setItem(KEY, await askToken(view, refused));
  }
}

function askToken(view: HTMLElement, refused: string | undefined): Promise<string> {
  return new Promise((resolve) => {
    const input = el('input', { type: 'password', name: 'token', id: 'token', autocomplete: 'off', required: true, size: 60 });
    const form = el(
      'form',
      { class: 'login', id: 'login' },
      el('h1', {}, 'Connexion'),
      el('p', {}, 'Ce tableau de bord demande un jeton d’accès (electrolake token create).'),
      el('label', { for: 'token' }, 'Jeton'),
      input,
      refused ? el('p', { class: 'login-error', role: 'alert' }, refused) : null,
      el('button', { type: 'submit' }, 'Se connecter'),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      resolve(input.value.trim());
    });
    replace(view, form);
    input.focus();
  });
}

/** The role and « Se déconnecter » in the top bar. */
export function sessionBadge(session: Session): HTMLElement {
  return el(
    'span',
    { class: 'session', id: 'session', 'data-role': session.role },
    session.auth ? `${session.name} · ${ROLE_LABELS[session.role]}` : '',
    session.auth ? el('button', { type: 'button', id: 'logout', onclick: () => logout() }, 'Se déconnecter') : null,
  );
}
