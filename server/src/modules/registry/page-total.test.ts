// List totals on this engine: exact up to the threshold, past it an estimate flagged as such.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test-support/test-database.ts';
import { REGISTRY_DEFINITIONS } from './registry.definitions.ts';
import { createRegistryRepository } from './registry.repository.ts';

const T = '2026-10-01T00:00:00.000Z';
const departments = REGISTRY_DEFINITIONS.find((d) => d.table === 'departments');
const city = { enterpriseId: null };
const page = { page: 1, pageSize: 5, filters: [] };

describe('list totals', () => {
  let db: TestDatabase;
  before(async () => {
    db = await createTestDatabase();
    // 30 departments; 20 of them named 甲…, 10 named 乙…
    await db.bulkInsert(
      'departments',
      ['id', 'code', 'name', 'duty', 'phone', 'created_at', 'updated_at'],
      Array.from({ length: 30 }, (_, i) => [
        i + 1,
        `D${i + 1}`,
        `${i < 20 ? '甲' : '乙'}部门${i + 1}`,
        '',
        '',
        T,
        T,
      ]),
    );
    if (db.dialect === 'postgres') await sql`ANALYZE departments`.execute(db.db);
  });
  after(() => db.dispose());

  it('is exact while the matching rows stay within the threshold', async () => {
    const repo = createRegistryRepository(db.db, { dialect: db.dialect, exactTotalLimit: 30 });
    assert.ok(departments);
    const all = await repo.list(departments, city, page);
    assert.deepEqual([all.total, all.totalIsEstimate, all.rows.length], [30, false, 5]);
    const some = await repo.list(departments, city, { ...page, q: '乙' });
    assert.deepEqual([some.total, some.totalIsEstimate], [10, false]);
  });

  it('is an estimate, flagged, past the threshold, and never below it', async () => {
    const repo = createRegistryRepository(db.db, { dialect: db.dialect, exactTotalLimit: 10 });
    assert.ok(departments);
    const all = await repo.list(departments, city, page);
    assert.equal(all.totalIsEstimate, true);
    // PostgreSQL: the planner's rows after ANALYZE; SQLite: the highest id
    assert.equal(all.total, 30);
    assert.equal(all.rows.length, 5);
    const small = await repo.list(departments, city, { ...page, q: '乙' });
    assert.deepEqual([small.total, small.totalIsEstimate], [10, false]);
    const large = await repo.list(departments, city, { ...page, q: '甲' });
    if (db.dialect === 'postgres') {
      assert.equal(large.totalIsEstimate, true);
      assert.ok(large.total >= 11, `estimate ${large.total} not above the threshold`);
    } else {
      // SQLite has no row estimate for a filter: it counts
      assert.deepEqual([large.total, large.totalIsEstimate], [20, false]);
    }
  });
});
