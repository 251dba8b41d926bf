import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { REPO } from '../support/cli.ts';
import { freePort } from '../support/serve.ts';
import { S3_CLIENT_CONFIG, S3_CREDENTIALS } from '../support/services.ts';

/**
 * A second MinIO, of this test's own (the binary minio.sh built, a data
 * directory and port of its own), that a test can kill and restart without
 * disturbing the shared server other tests use.
 */
export class ScratchMinio {
  private child: ChildProcess | undefined;

  private constructor(
    private readonly binary: string,
    private readonly dataDir: string,
    private readonly port: number,
  ) {}

  static async start(dataDir: string): Promise<ScratchMinio> {
    const bin = join(REPO, '.cache/bin');
    const binary = readdirSync(bin, { withFileTypes: true }).filter((e) => e.name.startsWith('minio-')).map((e) => e.name).sort().at(-1);
    if (binary === undefined) throw new Error(`no MinIO binary in ${bin}: run bash scripts/services/minio.sh install`);
    await mkdir(dataDir, { recursive: true });
    const minio = new ScratchMinio(join(bin, binary), dataDir, await freePort());
    await minio.restart();
    return minio;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  client(): S3Client {
    return new S3Client({ ...S3_CLIENT_CONFIG, endpoint: this.endpoint });
  }

  /** Starts the server on its port and data (again) and waits until it answers. */
  async restart(): Promise<void> {
    this.child = spawn(this.binary, ['server', '--quiet', '--address', `127.0.0.1:${this.port}`, this.dataDir], {
      env: {
        ...process.env,
        MINIO_ROOT_USER: S3_CREDENTIALS.accessKeyId,
        MINIO_ROOT_PASSWORD: S3_CREDENTIALS.secretAccessKey,
        MINIO_BROWSER: 'off',
        MINIO_UPDATE: 'off',
      },
      stdio: 'ignore',
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`MinIO on port ${this.port} exited with ${this.child.exitCode}`);
      const live = await fetch(`${this.endpoint}/minio/health/live`).then((r) => r.ok, () => false);
      if (live) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`MinIO on port ${this.port} did not answer within 60 s`);
  }

  /** SIGKILL: the server stops answering at once, as in a crash. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    await this.kill();
  }
}
