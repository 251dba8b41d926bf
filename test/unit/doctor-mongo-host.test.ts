/**
 * Which MongoDB URIs doctor checks with a plain TCP connection first (so a
 * stopped server fails at once instead of at the driver's selection
 * deadline): one `mongodb://` host only.
 */
import { describe, expect, it } from 'vitest';
import { singleMongoHost } from '../../src/cli/doctor/services.ts';

describe('singleMongoHost', () => {
  it('one host: its name and port (27017 by default), credentials and options aside', () => {
    expect(singleMongoHost('mongodb://127.0.0.1:27018')).toEqual({ host: '127.0.0.1', port: 27018 });
    expect(singleMongoHost('mongodb://user:p%40ss@db.example:27019/app?authSource=admin')).toEqual({ host: 'db.example', port: 27019 });
    expect(singleMongoHost('mongodb://localhost/')).toEqual({ host: 'localhost', port: 27017 });
    expect(singleMongoHost('mongodb://[::1]:27020')).toEqual({ host: '::1', port: 27020 });
  });

  it('several hosts, a Unix socket or an SRV record: left to the driver', () => {
    expect(singleMongoHost('mongodb://a:27017,b:27017/?replicaSet=rs0')).toBeUndefined();
    expect(singleMongoHost('mongodb://%2Ftmp%2Fmongodb-27017.sock')).toBeUndefined();
    expect(singleMongoHost('mongodb+srv://cluster.example.net')).toBeUndefined();
  });
});
