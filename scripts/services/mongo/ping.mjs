// Exit 0 when a MongoDB-wire server answers `ping` at the URI given as the
// first argument (default: MONGO_URI or mongodb://127.0.0.1:27017).
// Used by scripts/services/mongo.sh to know the server is really up.
import console from 'node:console';
import process from 'node:process';
import { MongoClient } from 'mongodb';

const uri = process.argv[2] ?? process.env.MONGO_URI ?? 'mongodb://127.0.0.1:27017';
const client = new MongoClient(uri, { serverSelectionTimeoutMS: 2000, connectTimeoutMS: 2000 });
try {
  await client.db('admin').command({ ping: 1 });
  process.exitCode = 0;
} catch (error) {
  console.error(`no MongoDB answer at ${uri}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await client.close();
}
