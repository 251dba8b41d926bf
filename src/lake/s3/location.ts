import { AppError } from '../../core/errors.ts';
import type { Layer } from '../lake.ts';

/** A bucket and a key prefix inside it (`''` or ending with `/`). */
export interface S3Place {
  readonly bucket: string;
  readonly prefix: string;
}

/**
 * What an `s3://` lake URI names (docs/lake-s3.md):
 *
 * - `s3://` — the seed's layout: one bucket per layer, `sources`, `bronze`,
 *   `silver`, `gold`; manifests under `_runs/` in the gold bucket.
 * - `s3://<name>{layer}<name>[/<prefix>]` — the same with other bucket names,
 *   `{layer}` standing for the layer (`s3://acme-{layer}` → `acme-bronze`…);
 *   `s3://{layer}` is `s3://`. A prefix puts the lake under that key prefix
 *   in every bucket.
 * - `s3://<bucket>[/<prefix>]` — one bucket, layers as key prefixes
 *   (`<bucket>/<prefix>/bronze/…`, `<bucket>/<prefix>/_runs/…`), the layout
 *   of a local lake directory.
 */
export interface S3Location {
  readonly uri: string;
  readonly mode: 'bucket-per-layer' | 'single-bucket';
  /** Where a layer's tables live. */
  place(layer: Layer): S3Place;
  /** Where the JSON documents (`_runs/…`) live. */
  readonly documents: S3Place;
  /** Every distinct bucket of the lake, sources first. */
  readonly buckets: readonly string[];
}

export const LAYERS: readonly Layer[] = ['sources', 'bronze', 'silver', 'gold'];
const LAYER_TOKEN = '{layer}';

/** Bucket names as S3 accepts them (3–63 chars, lower case, digits, dots, hyphens). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/]*)(?:\/(.*))?$/.exec(uri);
  if (!match) throw new AppError('BAD_INPUT', `not an S3 lake URI: ${uri} (expected s3://, s3://<bucket>[/<prefix>] or s3://<name>{layer})`);
  const host = match[1] === '' ? LAYER_TOKEN : (match[1] ?? LAYER_TOKEN);
  const prefix = normalisePrefix(match[2] ?? '');

  if (host.includes(LAYER_TOKEN)) {
    const bucketOf = (layer: Layer) => checkedBucket(host.replace(LAYER_TOKEN, layer), uri);
    const place = (layer: Layer): S3Place => ({ bucket: bucketOf(layer), prefix });
    return { uri, mode: 'bucket-per-layer', place, documents: place('gold'), buckets: LAYERS.map(bucketOf) };
  }
  const bucket = checkedBucket(host, uri);
  return {
    uri,
    mode: 'single-bucket',
    place: (layer) => ({ bucket, prefix: `${prefix}${layer}/` }),
    documents: { bucket, prefix },
    buckets: [bucket],
  };
}

function normalisePrefix(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '' : `${trimmed}/`;
}

function checkedBucket(name: string, uri: string): string {
  if (!BUCKET.test(name) || name.includes('..')) {
    throw new AppError('BAD_INPUT', `invalid bucket name '${name}' in ${uri} (3–63 characters: a-z, 0-9, '.', '-')`);
  }
  return name;
}
