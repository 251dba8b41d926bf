import { randomUUID } from 'node:crypto';
import { Client, credentials, Metadata, type ClientReadableStream } from '@grpc/grpc-js';
import { tableFromIPC, type RecordBatch } from 'apache-arrow';
import { codec, SERVICE } from './protocol.ts';
import { toSparkError } from './errors.ts';
import { grpcTarget, parseRemote, type SparkRemote } from './remote.ts';
import type {
  ArrowBatch,
  ExecutePlanRequest,
  ExecutePlanResponse,
  Plan,
  ReleaseSessionRequest,
  ReleaseSessionResponse,
  UserContext,
  WriteOperation,
} from './messages.ts';

/**
 * Spark results arrive as Arrow batches of up to 4 MiB each by default
 * (spark.connect.grpc.arrow.maxBatchSize), but a single wide row group or a
 * server with a larger setting would overflow gRPC's 4 MiB default receive
 * limit, so it is raised to 256 MiB.
 */
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;
const CLIENT_TYPE = 'electrolake/node';

const executeRequest = codec<ExecutePlanRequest>('spark.connect.ExecutePlanRequest');
const executeResponse = codec<ExecutePlanResponse>('spark.connect.ExecutePlanResponse');
const releaseRequest = codec<ReleaseSessionRequest>('spark.connect.ReleaseSessionRequest');
const releaseResponse = codec<ReleaseSessionResponse>('spark.connect.ReleaseSessionResponse');

/**
 * A minimal Spark Connect client: one server-side Spark session per instance
 * (temp views and caches live there), SQL queries streamed as Arrow record
 * batches, SQL commands and DataFrame writes. Every failure is an AppError.
 */
export class SparkConnectClient {
  readonly remote: SparkRemote;
  readonly sessionId = randomUUID();
  private readonly grpc: Client;
  private readonly userContext: UserContext;
  /** Set by the first response; sent back so a restarted server reports a lost session instead of silently starting a fresh one. */
  private serverSideSessionId: string | undefined;

  constructor(remote: string | SparkRemote) {
    this.remote = typeof remote === 'string' ? parseRemote(remote) : remote;
    this.userContext = { userId: this.remote.userId, userName: this.remote.userId };
    this.grpc = new Client(
      grpcTarget(this.remote),
      this.remote.useSsl ? credentials.createSsl() : credentials.createInsecure(),
      {
        'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
        'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
        'grpc.primary_user_agent': CLIENT_TYPE,
      },
    );
  }

  /** The record batches of a SQL query, as the server streams them. */
  async *queryBatches(sql: string): AsyncGenerator<RecordBatch> {
    for await (const batch of this.arrowBatches({ root: { sql: { query: sql } } })) {
      // Each ArrowBatch is a self-contained IPC stream (schema + batch).
      yield* tableFromIPC(batch).batches;
    }
  }

  /** Runs a SQL statement (DDL, CACHE, SET, ...) eagerly, as `spark.sql()` does. */
  async command(sql: string): Promise<void> {
    await this.drain({ command: { sqlCommand: { input: { sql: { query: sql } } } } });
  }

  /** Writes the result of `sql` with Spark's DataFrameWriter (`source` = parquet, csv, ...). */
  async write(sql: string, target: Omit<WriteOperation, 'input'>): Promise<void> {
    await this.drain({ command: { writeOperation: { input: { sql: { query: sql } }, ...target } } });
  }

  /**
   * Computes `sql` once, now, and keeps the rows on the server (a local
   * checkpoint); returns the id to read them by. Unlike CACHE TABLE, this
   * never recomputes: a cached SQL view is re-analysed on each use, so
   * rand(), uuid() or current_timestamp() would change.
   *
   * The rows go to the server's local disk, not its heap: Spark Connect's
   * RemoveCachedRemoteRelation only forgets the id, and the blocks stay until
   * the JVM's garbage collector lets Spark's ContextCleaner drop them. In
   * memory, a few scale-100 checkpoints (hundreds of MB each, from this run
   * or an earlier session) filled a 4 GB heap and failed the run; on disk
   * they cost the same to write and read (the OS page cache serves them).
   */
  async checkpoint(sql: string): Promise<string> {
    let id: string | undefined;
    const storageLevel = { useDisk: true, useMemory: false, useOffHeap: false, deserialized: false, replication: 1 };
    const plan: Plan = {
      command: { checkpointCommand: { relation: { sql: { query: sql } }, local: true, eager: true, storageLevel } },
    };
    for await (const response of this.execute(plan)) id ??= response.checkpointCommandResult?.relation?.relationId;
    if (id === undefined) throw toSparkError(new Error('checkpoint returned no relation id'), this.remote);
    return id;
  }

  /** A session temp view over rows the server keeps (see checkpoint). */
  async createView(name: string, relationId: string): Promise<void> {
    const input = { cachedRemoteRelation: { relationId } };
    await this.drain({ command: { createDataframeView: { input, name, isGlobal: false, replace: true } } });
  }

  /** Frees rows kept by checkpoint. */
  async dropCheckpoint(relationId: string): Promise<void> {
    await this.drain({ command: { removeCachedRemoteRelationCommand: { relation: { relationId } } } });
  }

  /** Frees the server-side session (its views and cached data), then the channel. */
  async close(): Promise<void> {
    try {
      await new Promise<void>((resolve, reject) => {
        this.grpc.makeUnaryRequest(
          `${SERVICE}/ReleaseSession`,
          releaseRequest.encode,
          releaseResponse.decode,
          { sessionId: this.sessionId, userContext: this.userContext, clientType: CLIENT_TYPE },
          this.metadata(),
          { deadline: Date.now() + 10_000 },
          (error) => (error ? reject(error) : resolve()),
        );
      });
    } catch {
      // The session dies with the server anyway; closing must not fail.
    } finally {
      this.grpc.close();
    }
  }

  /** Raw ExecutePlan responses, for callers that need more than batches. */
  async *execute(plan: Plan): AsyncGenerator<ExecutePlanResponse> {
    const request: ExecutePlanRequest = {
      sessionId: this.sessionId,
      userContext: this.userContext,
      operationId: randomUUID(),
      plan,
      clientType: CLIENT_TYPE,
      ...(this.serverSideSessionId === undefined ? {} : { clientObservedServerSideSessionId: this.serverSideSessionId }),
    };
    let call: ClientReadableStream<ExecutePlanResponse> | undefined;
    try {
      call = this.grpc.makeServerStreamRequest(
        `${SERVICE}/ExecutePlan`,
        executeRequest.encode,
        executeResponse.decode,
        request,
        this.metadata(),
      );
      for await (const response of call as AsyncIterable<ExecutePlanResponse>) {
        this.serverSideSessionId ??= response.serverSideSessionId || undefined;
        yield response;
      }
    } catch (error) {
      throw toSparkError(error, this.remote);
    } finally {
      // A consumer that stops early must not leave the server streaming.
      call?.cancel();
    }
  }

  /** The Arrow IPC payloads of a plan, reassembling batches the server split into chunks. */
  private async *arrowBatches(plan: Plan): AsyncGenerator<Uint8Array> {
    let chunks: Uint8Array[] = [];
    for await (const response of this.execute(plan)) {
      const batch: ArrowBatch | undefined = response.arrowBatch;
      if (!batch) continue;
      chunks.push(batch.data);
      const total = batch.numChunksInBatch ?? 1;
      if ((batch.chunkIndex ?? 0) + 1 < total) continue;
      yield chunks.length === 1 ? batch.data : Buffer.concat(chunks);
      chunks = [];
    }
  }

  private async drain(plan: Plan): Promise<void> {
    for await (const response of this.execute(plan)) void response;
  }

  private metadata(): Metadata {
    const metadata = new Metadata();
    if (this.remote.token !== undefined) metadata.set('authorization', `Bearer ${this.remote.token}`);
    return metadata;
  }
}
