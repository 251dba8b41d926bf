import { ACHAT_REASONS } from '../pipeline/silver/achats.ts';
import type { Random } from './random.ts';

/**
 * The defect classes of docs/contract/sources.md that `--dirty RATE` injects. Each dirty row
 * gets one defect, chosen uniformly, so every class shows up in the silver
 * stage's counts.
 */
export const ACHAT_DEFECTS = [
  'comma_decimal',
  'dmy_date',
  'produit_noise',
  // Every quarantine reason of silver, in its order (the generated counts depend on it).
  ...ACHAT_REASONS.filter((reason) => reason !== 'conflicting_duplicate'),
  'exact_duplicate',
  'conflicting_duplicate',
  'malformed_row',
] as const;

export const CLIENT_DEFECTS = [
  'pays_noise',
  'dmy_date',
  'invalid_email',
  'invalid_id',
  'invalid_date',
  'exact_duplicate',
  'conflicting_duplicate',
  'malformed_row',
] as const;

/** Case and whitespace noise on a label: `  lave-LINGE `. */
export function noisy(random: Random, label: string): string {
  const variants = [
    label.toUpperCase(),
    label.toLowerCase(),
    `  ${label}`,
    `${label}  `,
    ` ${label.toLowerCase()} `,
  ];
  return random.pick(variants);
}

/** `2024-03-07` → `07/03/2024`. */
export function toDmy(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
