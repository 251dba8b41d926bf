/**
 * Special functions from stdlib (Cephes ports, the same algorithms as SciPy's),
 * re-exported under one roof so the model files read like the formulas.
 */
export { default as gammaln } from '@stdlib/math-base-special-gammaln';
export { default as digamma } from '@stdlib/math-base-special-digamma';
export { default as hyp2f1 } from '@stdlib/math-base-special-hyp2f1';

