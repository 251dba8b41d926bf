/**
 * The Docker Compose files cannot run here (no Docker engine), so this checks
 * what can be checked without one: they parse, and their services, images and
 * ports are the ones the docs and the local scripts promise.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface ComposeService {
  image?: string;
  build?: string | { context: string };
  command?: string | string[];
  entrypoint?: string | string[];
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: string[] | Record<string, { condition: string }>;
  volumes?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

function load(path: string): ComposeFile {
  return parse(readFileSync(path, 'utf8')) as ComposeFile;
}

function service(file: ComposeFile, name: string): ComposeService {
  const found = file.services[name];
  if (found === undefined) throw new Error(`service ${name} is missing`);
  return found;
}

/** "127.0.0.1:9000:9000" → { host: '127.0.0.1', published: 9000, target: 9000 }. */
function ports(svc: ComposeService): { host: string; published: number; target: number }[] {
  return (svc.ports ?? []).map((spec) => {
    const [host = '', published = '', target = ''] = spec.split(':');
    return { host, published: Number(published), target: Number(target) };
  });
}

/** Named volumes used by services must be declared at the top level. */
function expectVolumesDeclared(file: ComposeFile): void {
  for (const svc of Object.values(file.services)) {
    for (const volume of svc.volumes ?? []) {
      const source = volume.split(':')[0] ?? '';
      if (!source.startsWith('.') && !source.startsWith('/')) expect(Object.keys(file.volumes ?? {})).toContain(source);
    }
  }
}

describe('docker-compose.yml (lake + tracking)', () => {
  const compose = load('docker-compose.yml');

  it('has the seed services', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['minio', 'minio-setup', 'mlflow', 'refresh']);
  });

  it('runs MinIO on 9000 and creates the lake buckets', () => {
    const minio = service(compose, 'minio');
    expect(minio.image).toMatch(/^minio\/minio:RELEASE\./);
    expect(ports(minio)).toContainEqual({ host: '127.0.0.1', published: 9000, target: 9000 });
    const setup = service(compose, 'minio-setup');
    expect(setup.image).toMatch(/^minio\/mc:/);
    expect(setup.depends_on).toHaveProperty('minio');
    const script = [setup.entrypoint ?? []].flat().join(' ');
    for (const bucket of ['sources', 'bronze', 'silver', 'gold']) expect(script).toContain(`lake/${bucket}`);
  });

  it('runs MLflow on 5001 with the version scripts/services/mlflow.sh installs', () => {
    const mlflow = service(compose, 'mlflow');
    expect(ports(mlflow)).toEqual([{ host: '127.0.0.1', published: 5001, target: 5001 }]);
    const local = /MLFLOW_VERSION:-([0-9.]+)/.exec(readFileSync('scripts/services/mlflow.sh', 'utf8'))?.[1];
    expect(mlflow.image).toBe(`ghcr.io/mlflow/mlflow:v${local}`);
    expect(mlflow.command).toContain('--serve-artifacts');
    expect(mlflow.command).toContain('--port=5001');
  });

  it('declares its volumes', () => expectVolumesDeclared(compose));

  it('runs the unattended refresh as `watch` in the API image, on the data folder', () => {
    const refresh = service(compose, 'refresh');
    expect(refresh.build).toBe('.');
    expect(refresh.command).toEqual(['watch', '--from', '/app/data/landing', '--lake', '/app/data/lake', '--interval', '60']);
    expect(refresh.volumes).toEqual(['./data:/app/data']);
  });
});

describe('docker-compose.serving.yml (MongoDB + API + Metabase)', () => {
  const serving = load('docker-compose.serving.yml');

  it('has the serving services', () => {
    expect(Object.keys(serving.services).sort()).toEqual(['api', 'metabase', 'mongodb']);
  });

  it('runs MongoDB on 27017 and Metabase on 3000', () => {
    const mongodb = service(serving, 'mongodb');
    expect(mongodb.image).toMatch(/^mongo:\d/);
    expect(ports(mongodb)).toEqual([{ host: '127.0.0.1', published: 27017, target: 27017 }]);
    const metabase = service(serving, 'metabase');
    expect(metabase.image).toMatch(/^metabase\/metabase:v/);
    expect(ports(metabase)).toEqual([{ host: '127.0.0.1', published: 3000, target: 3000 }]);
  });

  it('builds the API from the Dockerfile and serves it on 5000 against the compose MongoDB', () => {
    const api = service(serving, 'api');
    expect(api.build).toBe('.');
    expect(existsSync('Dockerfile')).toBe(true);
    expect(api.command).toEqual(['serve', '--port', '5000', '--no-auth']); // published on the host's loopback only
    expect(ports(api)).toEqual([{ host: '127.0.0.1', published: 5000, target: 5000 }]);
    expect(api.environment?.['MONGO_URI']).toBe('mongodb://mongodb:27017');
    expect(api.depends_on).toHaveProperty('mongodb');
  });

  it('declares its volumes', () => expectVolumesDeclared(serving));
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  const dockerignore = readFileSync('.dockerignore', 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
    bin: Record<string, string>;
    engines: { node: string };
    scripts: Record<string, string>;
  };
  const stages = dockerfile.split(/^(?=FROM )/m).filter((s) => s.startsWith('FROM '));
  const final = stages.at(-1) ?? '';

  it('installs the package from the tarball `npm pack` makes, as a user would', () => {
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/^RUN npm ci\b/m);
    const packed = /^RUN npm pack --pack-destination (\S+)$/m.exec(stages[0] ?? '')?.[1];
    expect(packed).toBeDefined();
    expect(final).toContain(`COPY --from=pack ${packed}/`);
    expect(final).toMatch(/^RUN npm install -g .*electrolake-\*\.tgz/m);
    // Nothing but the installed package reaches the image: no sources, no node_modules of the build.
    expect(final).not.toMatch(/^COPY (?!--from=pack)/m);
    expect(pkg.scripts['prepack']).toContain('build:dist');
  });

  it('runs `electrolake demo` by default on every interface, on the Node major the project targets', () => {
    expect(final).toMatch(/^ENTRYPOINT \["electrolake"\]$/m);
    expect(final).toMatch(/^CMD \["demo"\]$/m);
    expect(final).toMatch(/^ENV .*\bHOST=0\.0\.0\.0\b/m);
    expect(final).toMatch(/^ENV .*\bPORT=5000\b/m);
    expect(final).toMatch(/^EXPOSE 5000$/m);
    expect(final).toMatch(/^USER node$/m);
    for (const stage of stages) {
      const major = /^FROM node:(\d+)-/m.exec(stage)?.[1];
      expect(pkg.engines.node.startsWith(`>=${major}`)).toBe(true);
    }
  });

  it('keeps in the build context everything `npm pack` builds from', () => {
    const needed = ['package.json', 'package-lock.json', 'src', 'web', 'bin', 'scripts/build-dist.mjs', 'tsconfig.json', 'tsconfig.build.json', 'README.md'];
    for (const path of needed) {
      expect(existsSync(path)).toBe(true);
      expect(dockerignore.filter((pattern) => path === pattern || path.startsWith(`${pattern}/`))).toEqual([]);
    }
  });
});
