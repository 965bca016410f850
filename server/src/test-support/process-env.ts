// Environment for a child `hearth` process under test: its own data dir, and its own PostgreSQL schema
// when HEARTH_DATABASE_URL is set (so runs never see each other's data).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { dropPostgresSchema } from '../db/database.ts';
import pg from 'pg';

export type ProcessEnv = { dataDir: string; env: Record<string, string>; dispose(): Promise<void> };

export async function createProcessEnv(prefix = 'hearth-proc-'): Promise<ProcessEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const url = process.env.HEARTH_DATABASE_URL;
  const removeDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (!url) return { dataDir, env: { HEARTH_DATA_DIR: dataDir }, dispose: async () => removeDir() };
  const schema = `p_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  return {
    dataDir,
    env: { HEARTH_DATA_DIR: dataDir, HEARTH_DATABASE_URL: withSchema.toString() },
    async dispose() {
      await dropPostgresSchema(url, schema);
      removeDir();
    },
  };
}
