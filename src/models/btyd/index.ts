/**
 * Buy-till-you-die customer-lifetime models as pure functions on grouped
 * inputs: the engine computes (x, tx, T, n) and (x, zbar, n) with SQL, this
 * library fits and scores the groups, and the engine joins scores back to
 * customers on the group keys. See docs/models.md.
 */
export type { BgNbdParams, BgNbdVariant, FitResult, GammaGammaParams, RfmGroups, SpendGroups } from './types.ts';
export { DEFAULT_VARIANT, fitBgNbd } from './bgnbd-fit.ts';
export type { BgNbdFitOptions } from './bgnbd-fit.ts';
export { bgnbdScore, scoreBgNbd } from './bgnbd-score.ts';
export type { BgNbdScore, BgNbdScores } from './bgnbd-score.ts';
export { fitGammaGamma } from './gammagamma-fit.ts';
export { ggExpectedSpend, populationMeanSpend, scoreGammaGamma } from './gammagamma-score.ts';
export { rfmGroups, spendGroups } from './groups.ts';
export type { RfmRow, SpendRow } from './groups.ts';
