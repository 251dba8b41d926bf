import { settings } from '../core/config.ts';
import { AppError } from '../core/errors.ts';
import type { Lake } from '../lake/lake.ts';
import type { PublishTarget } from './publish.ts';
import type { ServingStore } from './store.ts';

/**
 * Chooses the serving store: MongoDB when a URI is given (`--mongo-uri` or
 * `MONGO_URI`), else the embedded DuckDB store, which needs no service.
 * Implementations are imported lazily so the embedded default never loads
 * the MongoDB driver and the other way round.
 */
export interface StoreOptions {
  lake: Lake;
  /** `auto` (default): mongo when a URI is set. */
  store?: 'auto' | 'embedded' | 'mongo' | undefined;
  mongoUri?: string | undefined;
  mongoDb?: string | undefined;
  /** MongoDB publish: how the seed's plain collection names are kept (default auto). */
  seedNames?: 'auto' | 'view' | 'copy' | undefined;
  /** Serve the lake's gold as it is (a past snapshot, `serve --at`), not the publication. */
  live?: boolean | undefined;
}

export interface ResolvedStore {
  kind: 'embedded' | 'mongo';
  mongoUri: string | undefined;
  mongoDb: string;
}

export function resolveStore(options: StoreOptions): ResolvedStore {
  const { mongoUri, mongoDb } = settings({ mongoUri: options.mongoUri, mongoDb: options.mongoDb });
  const store = options.store ?? 'auto';
  if (store === 'mongo' && mongoUri === undefined) {
    throw new AppError('BAD_INPUT', 'the mongo store needs a connection string: set MONGO_URI or pass --mongo-uri');
  }
  const kind = store === 'auto' ? (mongoUri === undefined ? 'embedded' : 'mongo') : store;
  return { kind, mongoUri, mongoDb };
}

export async function openStore(options: StoreOptions): Promise<ServingStore> {
  const resolved = resolveStore(options);
  if (resolved.kind === 'mongo') {
    if (options.live) throw new AppError('BAD_INPUT', '--at serves a snapshot straight from the lake: use the embedded store (--store embedded)');
    const { MongoStore } = await import('./mongo.ts');
    return new MongoStore({ uri: resolved.mongoUri ?? '', db: resolved.mongoDb });
  }
  const [{ EmbeddedStore }, { snapshotPath }] = await Promise.all([import('./embedded.ts'), import('./embedded-path.ts')]);
  // SERVING_CACHE=off turns the embedded store's result cache off (to measure it).
  return new EmbeddedStore({ lake: options.lake, snapshot: options.live ? '' : snapshotPath(options.lake), cache: settings().servingCache });
}

export async function openPublisher(options: StoreOptions): Promise<PublishTarget> {
  const resolved = resolveStore(options);
  if (resolved.kind === 'mongo') {
    const { MongoPublisher } = await import('./mongo-publish.ts');
    return new MongoPublisher(resolved.mongoUri ?? '', resolved.mongoDb, options.seedNames ?? 'auto');
  }
  const [{ EmbeddedPublisher }, { snapshotPath }] = await Promise.all([
    import('./embedded-publish.ts'),
    import('./embedded-path.ts'),
  ]);
  return new EmbeddedPublisher(snapshotPath(options.lake));
}
