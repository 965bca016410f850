// Test databases: a fresh SQLite file, or — when HEARTH_DATABASE_URL is set — a fresh PostgreSQL schema.
// With the variable set an unreachable server fails the test; it never silently falls back to SQLite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { dropPostgresSchema, openDatabase, type DatabaseHandle } from '../db/database.ts';

export type TestDatabase = DatabaseHandle & { dispose(): Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.HEARTH_DATABASE_URL;
  if (url) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const handle = await openDatabase({ kind: 'postgres', url, schema });
    await handle.migrate();
    return {
      ...handle,
      async dispose() {
        await handle.close();
        await dropPostgresSchema(url, schema);
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-test-'));
  const handle = await openDatabase({ kind: 'sqlite', file: path.join(dir, 'hearth.db') });
  await handle.migrate();
  return {
    ...handle,
    async dispose() {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
