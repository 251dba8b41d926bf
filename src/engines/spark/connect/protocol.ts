import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import protobuf from 'protobufjs';

/**
 * Encoders and decoders for the Spark Connect protocol.
 *
 * Why vendored .proto files: they are copied unchanged (Apache-2.0 headers
 * kept) from `spark-connect_2.13-4.2.1.jar`, the server jar that pyspark
 * 4.2.1 ships, so they are exactly the protocol of the server we provision,
 * and the client needs neither Python nor a build step: it works against any
 * Spark Connect 4.x cluster from plain Node. protobufjs parses them at first
 * use (tens of milliseconds), and only when the Spark engine is chosen.
 * google/rpc/{status,error_details}.proto (Apache-2.0, from the same jar)
 * decode the error details Spark sends in gRPC trailers.
 */
const PROTO_DIR = fileURLToPath(new URL('./proto/', import.meta.url));

export interface Codec<T> {
  encode(message: T): Buffer;
  decode(bytes: Uint8Array): T;
}

let root: protobuf.Root | undefined;

function loadRoot(): protobuf.Root {
  if (root) return root;
  const fresh = new protobuf.Root();
  // google/protobuf/*.proto come bundled with protobufjs; the rest is ours.
  fresh.resolvePath = (_origin, target) => join(PROTO_DIR, target);
  fresh.loadSync(['spark/connect/base.proto', 'google/rpc/status.proto', 'google/rpc/error_details.proto']);
  fresh.resolveAll();
  root = fresh;
  return fresh;
}

/** The object form of our message types: enums by name, int64 as number, oneof discriminators set. */
const OBJECT_OPTIONS: protobuf.IConversionOptions = { enums: String, longs: Number, oneofs: true };

export function codec<T>(typeName: string): Codec<T> {
  const type = loadRoot().lookupType(typeName);
  return {
    encode(message) {
      return Buffer.from(type.encode(type.fromObject(message as Record<string, unknown>)).finish());
    },
    decode(bytes) {
      return type.toObject(type.decode(bytes), OBJECT_OPTIONS) as T;
    },
  };
}

export const SERVICE = '/spark.connect.SparkConnectService';
