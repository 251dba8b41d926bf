/**
 * The three roles of an API token, from least to most trusted. A role sees
 * everything the roles before it see: `viewer` aggregates and scores without
 * names or e-mails, `sales` also the people, `admin` also the lake's and the
 * models' internals.
 */
export const ROLES = ['viewer', 'sales', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether `role` may do what `needed` may. */
export function allows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}
