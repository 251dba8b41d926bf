/** What the generated retailer sells and where its customers live. */
export const PRODUCTS = [
  { name: 'Réfrigérateur', price: 799, weight: 9 },
  { name: 'Lave-linge', price: 549, weight: 11 },
  { name: 'Lave-vaisselle', price: 499, weight: 9 },
  { name: 'Sèche-linge', price: 599, weight: 5 },
  { name: 'Four', price: 449, weight: 6 },
  { name: 'Plaque induction', price: 399, weight: 6 },
  { name: 'Hotte', price: 329, weight: 4 },
  { name: 'Congélateur', price: 499, weight: 4 },
  { name: 'Micro-ondes', price: 129, weight: 10 },
  { name: 'Aspirateur', price: 199, weight: 10 },
  { name: 'Robot cuiseur', price: 299, weight: 5 },
  { name: 'Cafetière', price: 89, weight: 9 },
  { name: 'Bouilloire', price: 39, weight: 6 },
  { name: 'Grille-pain', price: 45, weight: 5 },
  { name: 'Climatiseur', price: 699, weight: 3 },
] as const;

export const COUNTRIES = [
  { name: 'France', weight: 58 },
  { name: 'Belgique', weight: 12 },
  { name: 'Suisse', weight: 8 },
  { name: 'Espagne', weight: 8 },
  { name: 'Italie', weight: 6 },
  { name: 'Allemagne', weight: 5 },
  { name: 'Luxembourg', weight: 3 },
] as const;

export const FIRST_NAMES = [
  'Camille', 'Léa', 'Manon', 'Chloé', 'Emma', 'Inès', 'Sarah', 'Julie', 'Claire', 'Anne',
  'Lucas', 'Hugo', 'Louis', 'Nathan', 'Thomas', 'Paul', 'Jules', 'Antoine', 'Pierre', 'Marc',
] as const;

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier',
] as const;

export function cumulative(weights: readonly { weight: number }[]): number[] {
  let total = 0;
  return weights.map((w) => (total += w.weight));
}
