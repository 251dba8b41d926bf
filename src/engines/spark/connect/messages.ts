/**
 * TypeScript shapes of the few Spark Connect messages this client sends and
 * reads (spark/connect/base.proto, relations.proto, commands.proto), in
 * protobufjs's object form: camelCase fields, enums as names, int64 as
 * number, bytes as Uint8Array, oneof fields set one at a time. The vendored
 * .proto files stay the source of truth; these types only cover our subset.
 */

export interface UserContext {
  userId: string;
  userName: string;
}

/** A Spark SQL text, parsed and analysed on the server. */
export interface SqlRelation {
  sql: { query: string };
}

/** A result the server keeps under an id (what a checkpoint returns). */
export interface CachedRelation {
  cachedRemoteRelation: { relationId: string };
}

/** Rows sent by the client: an Arrow IPC stream, and optionally a DDL schema (`a BIGINT, b DOUBLE`). */
export interface LocalRelation {
  localRelation: { data?: Uint8Array; schema?: string };
}

export type Relation = SqlRelation | CachedRelation | LocalRelation;

export interface StorageLevel {
  useDisk: boolean;
  useMemory: boolean;
  useOffHeap: boolean;
  deserialized: boolean;
  replication: number;
}

export type SaveMode = 'SAVE_MODE_APPEND' | 'SAVE_MODE_OVERWRITE' | 'SAVE_MODE_ERROR_IF_EXISTS' | 'SAVE_MODE_IGNORE';

export interface WriteOperation {
  input: Relation;
  /** Data source name: `parquet`, `csv`, ... */
  source: string;
  path: string;
  mode: SaveMode;
  options: Record<string, string>;
}

export type Command =
  | { sqlCommand: { input: Relation } }
  | { writeOperation: WriteOperation }
  | { checkpointCommand: { relation: Relation; local: boolean; eager: boolean; storageLevel: StorageLevel } }
  | { createDataframeView: { input: Relation; name: string; isGlobal: boolean; replace: boolean } }
  | { removeCachedRemoteRelationCommand: { relation: CachedRelation['cachedRemoteRelation'] } };

export type Plan = { root: Relation } | { command: Command };

export interface ExecutePlanRequest {
  sessionId: string;
  userContext: UserContext;
  operationId: string;
  plan: Plan;
  clientType: string;
  clientObservedServerSideSessionId?: string;
}

export interface ArrowBatch {
  rowCount: number;
  /** One complete Arrow IPC stream: schema message + record batch. */
  data: Uint8Array;
  startOffset?: number;
  chunkIndex?: number;
  numChunksInBatch?: number;
}

export interface ExecutePlanResponse {
  sessionId: string;
  serverSideSessionId?: string;
  operationId?: string;
  /** Which field of the `response_type` oneof is set. */
  responseType?: string;
  arrowBatch?: ArrowBatch;
  sqlCommandResult?: { relation?: unknown };
  checkpointCommandResult?: { relation?: { relationId?: string } };
  resultComplete?: Record<string, never>;
}

export interface ReleaseSessionRequest {
  sessionId: string;
  userContext: UserContext;
  clientType: string;
}

export interface ReleaseSessionResponse {
  sessionId: string;
  serverSideSessionId?: string;
}

/** google.rpc.Status, carried in the `grpc-status-details-bin` trailer. */
export interface RpcStatus {
  code?: number;
  message?: string;
  details?: { typeUrl?: string; type_url?: string; value?: Uint8Array }[];
}

/** google.rpc.ErrorInfo: Spark puts the exception class in `reason` and errorClass/sqlState in `metadata`. */
export interface ErrorInfo {
  reason?: string;
  domain?: string;
  metadata?: Record<string, string>;
}
