import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP relay on loopback in front of a real server, that a test can take
 * down and bring back: `down()` refuses new connections and cuts the open
 * ones, exactly what a client sees when the server process dies; `up()`
 * listens again on the same port. Lets the "store down → 503 → recovery"
 * tests run against any MongoDB (the local mongo-java-server or a real one
 * from MONGO_URI) without stopping a server other tests share.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const address = server.address();
    if (typeof address === 'object' && address) this.port = address.port;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const URI = /^mongodb:\/\/([^@/]*@)?([^/?,]+)(\/[^?]*)?(\?.*)?$/;

/** Host and port of a `mongodb://` URI with one host (not `mongodb+srv://`, not a host list). */
export function mongoHostPort(uri: string): { host: string; port: number } {
  const host = URI.exec(uri)?.[2];
  if (!host) throw new Error(`cannot proxy ${uri}: a mongodb:// URI with one host is needed`);
  const [name = host, port = '27017'] = host.startsWith('[') ? [host.slice(0, host.indexOf(']') + 1), host.split(']:')[1]] : host.split(':');
  return { host: name, port: Number(port) };
}

/** The same URI (credentials, database, options) pointed at the proxy, as a direct connection. */
export function viaProxy(uri: string, port: number): string {
  const [, auth = '', , path = '/', query = ''] = URI.exec(uri) ?? [];
  return `mongodb://${auth}127.0.0.1:${port}${path}${query ? `${query}&` : '?'}directConnection=true`;
}
