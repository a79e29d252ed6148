// docker-compose.yml, .env.example and the Dockerfile, checked statically against the code they run. There is no
// Docker engine here, so nothing is built or started and `docker compose config` is not invoked: these tests
// parse the files, resolve Compose's ${…} interpolation with the defaults of .env.example, and compare the result
// with what the application and @camunda8/sdk actually read and listen on. They show the files are consistent,
// not that the stack runs.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CamundaEnvironmentVariableDictionary } from '@camunda8/sdk/dist/lib/Configuration';
import { parseZeebeGrpcAddress } from '@camunda8/sdk/dist/lib/ZeebeGrpcAddressUtils';
import { commands } from '../../cli/commands';
import { resolveDatabaseUrl } from '../../domain/db/url';
import { smtpTransport } from '../../domain/notifications/transport';
import { loadWebConfig } from '../../web/server/config';

const root = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

type Env = Record<string, string>;
interface Service {
  image?: string;
  build?: string | { context?: string };
  command?: string | string[];
  environment?: Env | string[];
  ports?: (string | { target: number; published?: string | number; host_ip?: string })[];
  volumes?: (string | { type?: string; source?: string; target: string })[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  deploy?: { replicas?: number | string };
  restart?: string;
  container_name?: string;
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

// ---- .env.example and Compose interpolation ----------------------------------------------------------------------

const envExampleText = read('.env.example');
const envExample: Env = Object.fromEntries(
  envExampleText
    .split('\n')
    .map((line) => /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1], m[2]]),
);
const composeText = read('docker-compose.yml');
// ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?error}, ${NAME?error}; $$ is a literal $.
const interpolation = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}$]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
const interpolated = [...composeText.matchAll(interpolation)].filter((m) => m[0] !== '$$');
const requiredVars = new Set(interpolated.filter((m) => m[2]?.endsWith('?')).map((m) => m[1]));
// What a user's .env looks like once the required secrets are filled in.
const vars: Env = {
  ...envExample,
  ...Object.fromEntries([...requiredVars].map((name) => [name, `example-${name.toLowerCase()}`])),
};

function resolve(value: string, env: Env = vars): string {
  return value.replace(interpolation, (match, braced, op, arg, bare) => {
    if (match === '$$') return '$';
    const name = (braced ?? bare) as string;
    const value = env[name];
    const set = value !== undefined;
    const nonEmpty = set && value !== '';
    if (op === ':-') return nonEmpty ? value : arg;
    if (op === '-') return set ? value : arg;
    if ((op === ':?' && !nonEmpty) || (op === '?' && !set)) throw new Error(`${name}: ${arg}`);
    return value ?? '';
  });
}

const compose = parse(composeText, { merge: true }) as Compose;
const services = compose.services;

function environment(service: Service): Env {
  const raw = service.environment ?? {};
  const pairs = Array.isArray(raw)
    ? raw.map((item) => {
        const at = item.indexOf('=');
        return at < 0 ? [item, ''] : [item.slice(0, at), item.slice(at + 1)];
      })
    : Object.entries(raw).map(([k, v]) => [k, String(v ?? '')]);
  return Object.fromEntries(pairs.map(([k, v]) => [k, resolve(v)]));
}

function serviceWithImage(prefix: string): [string, Service] {
  const found = Object.entries(services).filter(([, s]) => s.image && resolve(s.image).startsWith(prefix));
  expect(found.map(([name]) => name)).toHaveLength(1);
  return found[0];
}

/** Container ports of a service's `ports`, with the host address each is published on. */
function publishedPorts(service: Service): { hostIp: string; published: string; target: number }[] {
  return (service.ports ?? []).map((p) => {
    if (typeof p !== 'string')
      return { hostIp: p.host_ip ?? '', published: String(p.published ?? ''), target: Number(p.target) };
    const parts = resolve(p).split(':');
    const target = Number(parts.pop());
    const published = parts.pop() ?? '';
    return { hostIp: parts.join(':'), published, target };
  });
}

function dependencies(service: Service): Record<string, string> {
  const d = service.depends_on ?? {};
  if (Array.isArray(d)) return Object.fromEntries(d.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(d).map(([name, v]) => [name, v?.condition ?? 'service_started']));
}

const appServices = Object.entries(services).filter(([, s]) => s.build !== undefined);
const commandOf = (service: Service) => (Array.isArray(service.command) ? service.command : []);

// ---- What the application and the SDK read ---------------------------------------------------------------------

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return rel === path.join('prisma', 'generated') ? [] : sourceFiles(rel);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [rel] : [];
  });
}

const appSources = ['cli', 'domain', 'workers', 'scheduler', 'web/server', 'engine', 'prisma'].flatMap(
  sourceFiles,
);
const readByApp = new Set<string>();
for (const file of appSources) {
  for (const m of read(file).matchAll(/\benv\??\.([A-Z][A-Z0-9_]*)\b|\benv\[['"]([A-Z][A-Z0-9_]*)['"]\]/g))
    readByApp.add(m[1] ?? m[2]);
}
// The web server validates its variables with one zod schema (web/server/config.ts): its keys are read too.
const webSchema = /const envSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(read('web/server/config.ts'));
for (const m of webSchema?.[1].matchAll(/^\s*([A-Z][A-Z0-9_]*):/gm) ?? []) readByApp.add(m[1]);
const readBySdk = new Set<string>(CamundaEnvironmentVariableDictionary as readonly string[]);

// What each command needs from the environment inside a container (where the defaults — SQLite under data/,
// a gateway on localhost:26500, the web server on 127.0.0.1 — would be wrong).
const commandNeeds: Record<string, string[]> = {
  seed: ['DATABASE_URL', 'ADMIN_PASSWORD'],
  migrate: ['DATABASE_URL'],
  deploy: ['ZEEBE_GRPC_ADDRESS'],
  workers: ['DATABASE_URL', 'ZEEBE_GRPC_ADDRESS'],
  scheduler: ['DATABASE_URL', 'ZEEBE_GRPC_ADDRESS'],
  web: ['DATABASE_URL', 'HOST', 'PORT'],
};

// ---- docker-compose.yml ------------------------------------------------------------------------------------------

describe('docker-compose.yml', () => {
  it('has the app services, each a command of the zhuanban CLI, all from the image of ./Dockerfile', () => {
    expect(appServices.map(([name]) => name).sort()).toEqual(
      ['deploy', 'migrate', 'scheduler', 'web', 'workers'].sort(),
    );
    const images = new Set<string>();
    for (const [name, service] of appServices) {
      const context = typeof service.build === 'string' ? service.build : (service.build?.context ?? '.');
      expect({ name, context }).toEqual({ name, context: '.' });
      images.add(resolve(service.image ?? ''));
      const command = commandOf(service);
      // One word, handed to the image's ENTRYPOINT (node bin/zhuanban.js) as its command.
      expect({ name, command }).toEqual({ name, command: [expect.any(String)] });
      expect(Object.keys(commands)).toContain(command[0]);
      expect(Object.keys(commandNeeds)).toContain(command[0]);
    }
    expect(images.size).toBe(1);
    expect(Object.keys(commands).filter((c) => appServices.some(([, s]) => commandOf(s)[0] === c))).toEqual(
      expect.arrayContaining(['seed', 'deploy', 'workers', 'scheduler', 'web']),
    );
  });

  it('finds the variables the application and the SDK read (the lists below are not empty by accident)', () => {
    for (const name of [
      'DATABASE_URL',
      'SMTP_URL',
      'ADMIN_PASSWORD',
      'PORT',
      'HOST',
      'TRUST_PROXY',
      'LOG_FORMAT',
    ])
      expect(readByApp).toContain(name);
    for (const name of [
      'ZEEBE_GRPC_ADDRESS',
      'ZEEBE_REST_ADDRESS',
      'CAMUNDA_AUTH_STRATEGY',
      'CAMUNDA_OAUTH_URL',
    ])
      expect(readBySdk).toContain(name);
    expect(readByApp).not.toContain('SMTP_HOST');
    expect(readBySdk).not.toContain('SMTP_HOST');
  });

  it('sets for the app services only variables the application or @camunda8/sdk reads', () => {
    for (const [name, service] of appServices) {
      const unknown = Object.keys(environment(service)).filter((v) => !readByApp.has(v) && !readBySdk.has(v));
      expect({ name, unknown }).toEqual({ name, unknown: [] });
    }
  });

  it('gives each app service what its command needs, with values the application accepts', () => {
    for (const [name, service] of appServices) {
      const env = environment(service);
      const needs = commandNeeds[commandOf(service)[0]];
      const missing = needs.filter((v) => !env[v]);
      expect({ name, missing }).toEqual({ name, missing: [] });
      if (env.CAMUNDA_AUTH_STRATEGY !== undefined)
        expect(['BASIC', 'OAUTH', 'BEARER', 'COOKIE', 'NONE']).toContain(env.CAMUNDA_AUTH_STRATEGY);
      if (env.LOG_FORMAT !== undefined) expect(['text', 'json']).toContain(env.LOG_FORMAT);
    }
  });

  it('points the gRPC clients at the cluster gateway and the web server at its REST API', () => {
    const [cluster, orchestration] = serviceWithImage('camunda/camunda:');
    expect(resolve(orchestration.image ?? '')).toMatch(/^camunda\/camunda:8\.8\.\d+$/);
    const clusterEnv = environment(orchestration);
    // Zeebe's and Spring's defaults unless the cluster's environment moves them.
    const grpcPort = Number(clusterEnv.ZEEBE_BROKER_GATEWAY_NETWORK_PORT ?? 26500);
    const restPort = Number(clusterEnv.SERVER_PORT ?? 8080);
    const managementPort = Number(clusterEnv.MANAGEMENT_SERVER_PORT ?? 9600);

    const grpcClients = appServices.filter(([, s]) =>
      commandNeeds[commandOf(s)[0]].includes('ZEEBE_GRPC_ADDRESS'),
    );
    expect(grpcClients.map(([name]) => name).sort()).toEqual(['deploy', 'scheduler', 'workers']);
    for (const [name, service] of grpcClients) {
      const address = parseZeebeGrpcAddress(environment(service).ZEEBE_GRPC_ADDRESS);
      expect({ name, hostPort: address.hostPort, secure: address.isSecure }).toEqual({
        name,
        hostPort: `${cluster}:${grpcPort}`,
        secure: false,
      });
      expect({
        name,
        dependsOnCluster: dependencies(service)[cluster] ?? dependencies(services.deploy)[cluster],
      }).toEqual({ name, dependsOnCluster: 'service_healthy' });
    }

    const rest = new URL(environment(services.web).ZEEBE_REST_ADDRESS);
    // The SDK appends /v2 itself.
    expect({
      protocol: rest.protocol,
      host: rest.hostname,
      port: Number(rest.port),
      path: rest.pathname,
    }).toEqual({
      protocol: 'http:',
      host: cluster,
      port: restPort,
      path: '/',
    });

    // The unprotected API is published on the host's loopback only.
    const published = publishedPorts(orchestration);
    expect(published.map((p) => p.target).sort()).toEqual([grpcPort, restPort].sort());
    for (const p of published) expect(p.hostIp).toBe('127.0.0.1');
    expect(clusterEnv.CAMUNDA_SECURITY_AUTHENTICATION_UNPROTECTEDAPI).toBe('true');
    // Its health check asks the management port.
    expect(JSON.stringify(orchestration.healthcheck?.test)).toContain(`/dev/tcp/127.0.0.1/${managementPort}`);
  });

  it('stores the cluster in Elasticsearch, the way Camunda 8.8 names it', () => {
    const [cluster, orchestration] = serviceWithImage('camunda/camunda:');
    const [search, elasticsearch] = serviceWithImage('docker.elastic.co/elasticsearch/elasticsearch:');
    const env = environment(orchestration);
    expect(env.CAMUNDA_DATA_SECONDARYSTORAGE_TYPE).toBe('elasticsearch');
    const url = new URL(env.CAMUNDA_DATA_SECONDARYSTORAGE_ELASTICSEARCH_URL);
    expect({ host: url.hostname, port: url.port }).toEqual({ host: search, port: '9200' });
    expect(env.SPRING_PROFILES_ACTIVE.split(',').sort()).toEqual(
      ['broker', 'consolidated-auth', 'identity', 'operate', 'tasklist'].sort(),
    );
    expect(dependencies(orchestration)[search]).toBe('service_healthy');
    expect(elasticsearch.healthcheck?.test).toBeDefined();
    expect(cluster).toBe('orchestration');
  });

  it('connects every app service to the PostgreSQL service with its credentials', () => {
    const [db, postgres] = serviceWithImage('postgres:');
    const pgEnv = environment(postgres);
    const urls = new Set<string>();
    for (const [name, service] of appServices) {
      const raw = environment(service).DATABASE_URL;
      if (raw === undefined) continue;
      urls.add(raw);
      expect({ name, provider: resolveDatabaseUrl(raw).provider }).toEqual({ name, provider: 'postgresql' });
      const url = new URL(raw);
      expect({
        name,
        host: url.hostname,
        port: url.port,
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
        database: url.pathname.slice(1),
      }).toEqual({
        name,
        host: db,
        port: '5432',
        user: pgEnv.POSTGRES_USER,
        password: pgEnv.POSTGRES_PASSWORD,
        database: pgEnv.POSTGRES_DB,
      });
    }
    expect(urls.size).toBe(1);
  });

  it('delivers mail to the Mailpit service by default', () => {
    const [mailpit] = serviceWithImage('axllent/mailpit:');
    const transport = smtpTransport(environment(services.workers).SMTP_URL);
    try {
      expect(transport.describe()).toBe(`smtp://${mailpit}:1025`);
    } finally {
      transport.close();
    }
  });

  it('publishes the web server where it listens, and checks it on /api/health', () => {
    const web = services.web;
    const config = loadWebConfig(environment(web));
    expect(config.host).toBe('0.0.0.0');
    expect(publishedPorts(web).map((p) => p.target)).toEqual([config.port]);
    const test = JSON.stringify(web.healthcheck?.test);
    expect(test).toContain('/api/health');
    expect(test.includes('process.env.PORT') || test.includes(`:${config.port}/`)).toBe(true);
    // The route exists: /health in the reference routes, mounted under /api.
    expect(read('web/server/routes/reference-routes.ts')).toMatch(/path: '\/health',\s*action: 'public'/);
    expect(read('web/server/app.ts')).toContain("app.use('/api', api)");
  });

  it('starts services in order: depends_on names real services with a matching health check or exit', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dep, condition] of Object.entries(dependencies(service))) {
        expect({ name, dep, exists: dep in services }).toEqual({ name, dep, exists: true });
        if (condition === 'service_healthy')
          expect({ name, dep, check: !!services[dep].healthcheck }).toEqual({
            name,
            dep,
            check: true,
          });
        if (condition === 'service_completed_successfully')
          expect({ name, dep, restart: services[dep].restart }).toEqual({ name, dep, restart: 'no' });
      }
    }
    expect(dependencies(services.migrate)).toEqual({ postgres: 'service_healthy' });
    expect(dependencies(services.deploy)).toEqual({ orchestration: 'service_healthy' });
    for (const name of ['workers', 'scheduler'])
      expect(dependencies(services[name])).toMatchObject({
        migrate: 'service_completed_successfully',
        deploy: 'service_completed_successfully',
      });
    expect(dependencies(services.web)).toMatchObject({ migrate: 'service_completed_successfully' });
  });

  it('scales the workers and runs one scheduler', () => {
    const workers = Number(resolve(String(services.workers.deploy?.replicas ?? '1')));
    expect(Number.isInteger(workers) && workers >= 1).toBe(true);
    expect(services.scheduler.deploy?.replicas).toBe(1);
    for (const name of ['workers', 'scheduler']) {
      expect(services[name].container_name).toBeUndefined();
      expect(services[name].ports).toBeUndefined();
    }
  });

  it('keeps the data of the cluster, Elasticsearch and PostgreSQL in declared named volumes', () => {
    const declared = Object.keys(compose.volumes ?? {});
    for (const prefix of [
      'camunda/camunda:',
      'docker.elastic.co/elasticsearch/elasticsearch:',
      'postgres:',
    ]) {
      const [name, service] = serviceWithImage(prefix);
      const named = (service.volumes ?? [])
        .map((v) => (typeof v === 'string' ? v.split(':')[0] : (v.source ?? '')))
        .filter((source) => source && !source.startsWith('.') && !source.startsWith('/'));
      expect({ name, named: named.length > 0 }).toEqual({ name, named: true });
      for (const source of named) expect(declared).toContain(source);
    }
  });

  it('commits no secrets: passwords come from .env, which git ignores, and .env.example leaves them empty', () => {
    for (const [name, service] of Object.entries(services)) {
      const raw = service.environment ?? {};
      const entries = Array.isArray(raw) ? raw.map((i) => i.split(/=(.*)/s, 2)) : Object.entries(raw);
      for (const [key, value] of entries)
        if (/PASSWORD|SECRET|TOKEN/.test(key))
          expect({ name, key, value: String(value) }).toEqual({
            name,
            key,
            value: expect.stringMatching(/^\$\{/),
          });
    }
    expect([...requiredVars].sort()).toEqual([
      'ADMIN_PASSWORD',
      'ORCHESTRATION_PASSWORD',
      'POSTGRES_PASSWORD',
    ]);
    for (const name of requiredVars)
      expect({ name, example: envExample[name] }).toEqual({ name, example: '' });
    expect(read('.gitignore').split('\n')).toContain('.env');
    expect(read('.dockerignore').split('\n')).toContain('.env');
  });

  it('declares in .env.example every variable it interpolates', () => {
    const names = [...new Set(interpolated.map((m) => m[1] ?? m[4]))].sort();
    expect(names.filter((n) => !(n in envExample))).toEqual([]);
    // No nested defaults: the resolver above (like this test) reads ${A:-${B}} wrongly.
    expect(composeText).not.toMatch(/\$\{[^}]*\$\{/);
  });
});

// ---- Dockerfile ------------------------------------------------------------------------------------------------

describe('Dockerfile', () => {
  const instructions = read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const at = l.search(/\s/);
      return { op: l.slice(0, at).toUpperCase(), args: l.slice(at + 1).trim() };
    });
  const stages: { from: string; lines: typeof instructions }[] = [];
  for (const i of instructions) {
    if (i.op === 'FROM') stages.push({ from: i.args, lines: [] });
    else stages.at(-1)?.lines.push(i);
  }
  const runtime = stages.at(-1)!;
  const last = (op: string) => runtime.lines.filter((l) => l.op === op).at(-1)?.args;

  it('runs node bin/zhuanban.js with the command as its arguments', () => {
    expect(JSON.parse(last('ENTRYPOINT') ?? 'null')).toEqual(['node', 'bin/zhuanban.js']);
    const cmd = JSON.parse(last('CMD') ?? '[]') as string[];
    expect(Object.keys(commands)).toContain(cmd[0]);
    expect(read('bin/zhuanban.js')).toContain("'../dist/cli/main.js'");
  });

  it('builds in one stage (npm ci, build, prune) and copies what runs into a runtime stage on Node 20', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const nodeImage = /^ARG NODE_IMAGE=(\S+)/m.exec(read('Dockerfile'))?.[1] ?? '';
    expect(nodeImage).toMatch(/^node:20[.-]/);
    const build = stages
      .slice(0, -1)
      .flatMap((s) => s.lines.filter((l) => l.op === 'RUN').map((l) => l.args));
    expect(build.join('\n')).toMatch(/npm ci/);
    expect(build.join('\n')).toMatch(/npm run build/);
    expect(build.join('\n')).toMatch(/npm prune --omit=dev/);
    const copied = runtime.lines
      .filter((l) => l.op === 'COPY')
      .map((l) => l.args.split(/\s+/).filter((a) => !a.startsWith('--')))
      .map((a) => a[0].replace(/^\/app\//, ''));
    // What the compiled program reads at run time: its entry point and build, production dependencies,
    // package.json and processes/ (deploy finds processes/ next to package.json), the migrations of both providers.
    expect(copied).toEqual(
      expect.arrayContaining([
        'package.json',
        'node_modules',
        'dist',
        'bin',
        'processes',
        'prisma/migrations',
        'prisma/postgresql/migrations',
      ]),
    );
    for (const file of [
      'bin/zhuanban.js',
      'prisma/migrations/migration_lock.toml',
      'prisma/postgresql/migrations',
    ])
      expect(fs.existsSync(path.join(root, file))).toBe(true);
    expect(last('WORKDIR')).toBe('/app');
  });

  it('runs as a non-root user', () => {
    expect(last('USER')).toBeDefined();
    expect(['root', '0', '0:0']).not.toContain(last('USER'));
  });

  it('keeps local and generated files out of the build context, and build inputs in', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', '.env', '.git', 'data']));
    const inputs = [
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'bin',
      'cli',
    ];
    inputs.push('domain', 'engine', 'workers', 'scheduler', 'web', 'prisma', 'processes', 'test');
    expect(ignored.filter((pattern) => inputs.includes(pattern))).toEqual([]);
  });
});
