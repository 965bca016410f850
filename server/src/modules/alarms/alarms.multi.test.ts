// Several Hearth processes on one database: exactly one open alarm per rule and target however their engines
// race (the database's unique partial index, not process memory), and the periodic job runs in one process at a
// time (lease). Both engines with two alarm services on one database; on PostgreSQL also two containers on one
// schema (changes reach the other's live listeners) and two real `hearth start` processes racing over HTTP.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AlarmLiveEvent, AlarmPage, AlarmRule } from '@hearth/contracts/alarms';
import { METRIC_KEYS } from '@hearth/contracts/telemetry';
import { DEFAULT_TELEMETRY, type Container } from '../../container.ts';
import { openDatabase, type DatabaseHandle } from '../../db/database.ts';
import { openContainer } from '../../runtime.ts';
import { buildEnterprise, buildStation, create, registerDevice } from '../../test-support/factories.ts';
import { startHearthProcess, urlInSchema, type HearthProcess } from '../../test-support/hearth-process.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { packReadings, type StoredReading } from '../telemetry/reading-batch.ts';
import { createAlarmsService, type AlarmsService } from './alarms.service.ts';

const url = process.env.HEARTH_DATABASE_URL;
const SUPPLY = METRIC_KEYS.indexOf('secondarySupplyTemp');

function hotReadings(stationId: number, from: number, n: number): StoredReading[] {
  return Array.from({ length: n }, (_, i) => {
    const values = new Array<number | null>(METRIC_KEYS.length).fill(null);
    values[SUPPLY] = 100;
    return {
      kind: 'station' as const,
      targetId: stationId,
      deviceId: 0,
      ts: from + i * 1000,
      receivedAt: from,
      values,
    };
  });
}

describe('alarms across processes', () => {
  let t: TestApp;
  let sup: string;
  let other: AlarmsService;
  let otherContainer: { database: DatabaseHandle; container: Container } | null = null;
  let enterpriseId: number;

  const openAlarms = async (query: string) =>
    ((await t.request('GET', `/api/alarms?state=open&pageSize=100${query}`, sup)).json() as AlarmPage).items;

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
    enterpriseId = (await create(t, sup, 'enterprises', buildEnterprise())).id;
    const target = t.database.target;
    if (target.kind === 'postgres') {
      const database = await openDatabase({ kind: 'postgres', url: url ?? '', schema: target.schema });
      const container = await openContainer(
        { sessionTtlMs: 3_600_000, timeZone: 'Asia/Shanghai', telemetry: DEFAULT_TELEMETRY },
        database,
      );
      otherContainer = { database, container };
      other = container.alarms;
    } else {
      // SQLite runs one process; a second alarm service (its own memory, same file) stands in for it
      other = createAlarmsService({
        db: t.database.db,
        audit: t.container.audit,
        registry: t.container.registry,
        notify: async () => undefined,
        compensation: { target: () => null },
        latestStationTimes: async () => new Map(),
        timeZone: 'Asia/Shanghai',
        instance: 'other-process',
      });
      await other.start();
    }
  });
  after(async () => {
    if (otherContainer) {
      await otherContainer.container.telemetryWriter.close();
      await otherContainer.container.telemetryStore.close();
      await otherContainer.database.close();
    }
    await t.close();
  });

  it('two engines racing on the same station open one alarm', async () => {
    for (let round = 0; round < 5; round++) {
      const station = await create(t, sup, 'stations', buildStation({ enterpriseId }));
      const from = Date.now() - 3_600_000;
      const rows = hotReadings(station.id, from, 200);
      const batch = packReadings(rows);
      const flags = new Uint8Array(rows.length).fill(1);
      // this process stores and evaluates through its writer; the other evaluates the same rows at once
      other.committed(batch, flags);
      await t.container.telemetryWriter.submit(packReadings(rows));
      await Promise.all([t.container.alarms.idle(), other.idle()]);
      const open = await openAlarms(`&stationId=${station.id}&type=threshold`);
      assert.equal(open.length, 1, `round ${round}`);
    }
  });

  it('concurrent raises of one target through both services stay one alarm', async () => {
    const src = await create(t, sup, 'heat-sources', {
      code: 'HS-RACE',
      name: '竞争热源',
      type: 'gas_boiler',
      fuel: 'gas',
      capacityMw: 50,
      enterpriseId,
    });
    const [target] = [...(await t.container.alarms.heatSourceTargets([src.id])).values()];
    assert.ok(target);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? other : t.container.alarms).raiseFromHook('fuel_reserve', target, {
          message: `储备 ${i} 天`,
        }),
      ),
    );
    assert.equal((await openAlarms('&type=fuel_reserve')).length, 1);
  });

  it('runs the periodic job in one process at a time', async () => {
    const ran = await Promise.all([t.container.alarms.runJobs(), other.runJobs()]);
    assert.equal(ran.filter(Boolean).length, 1);
    // the holder keeps it while its lease lasts
    const holderIsThis = ran[0];
    assert.equal(await (holderIsThis ? other : t.container.alarms).runJobs(), false);
    assert.equal(await (holderIsThis ? t.container.alarms : other).runJobs(), true);
  });

  it('a rule changed in one process is picked up by the other', async () => {
    const rules = (await t.request('GET', '/api/alarm-rules', sup)).json() as AlarmRule[];
    const overdue = rules.find((r) => r.type === 'overdue_work') as AlarmRule;
    const r = await t.request('PATCH', `/api/alarm-rules/${overdue.id}`, sup, { severity: 'critical' });
    assert.equal(r.status, 200, r.body);
    await other.refreshRules();
    const target = {
      kind: 'work_order' as const,
      id: 4711,
      name: '工单 4711',
      stationId: null,
      stationName: null,
      enterpriseId,
      enterpriseName: null,
    };
    await other.raiseFromHook('overdue_work', target, { message: '工单超期 3 小时' });
    const [alarm] = await openAlarms('&type=overdue_work');
    assert.equal(alarm?.severity, 'critical');
  });

  it(
    'a change in one process reaches the live listeners of the other',
    { skip: url ? false : 'PostgreSQL only' },
    async () => {
      const seen: AlarmLiveEvent[] = [];
      const off = t.container.alarms.onChange((e) => seen.push(e));
      const station = await create(t, sup, 'stations', buildStation({ enterpriseId }));
      other.committed(
        packReadings(hotReadings(station.id, Date.now() - 600_000, 120)),
        new Uint8Array(120).fill(1),
      );
      await other.idle();
      // (events of earlier tests' alarms may still arrive from the other process: this station's is awaited)
      const mine = () => seen.filter((e) => e.alarm.stationId === station.id);
      for (let i = 0; i < 250 && mine().length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      off();
      assert.equal(mine()[0]?.event, 'raised');
      assert.equal(mine().length, 1);
    },
  );
});

describe('two hearth processes on one PostgreSQL schema', { skip: url ? false : 'PostgreSQL only' }, () => {
  let t: TestApp;
  let sup: string;
  let enterpriseId: number;
  const processes: HearthProcess[] = [];

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
    enterpriseId = (await create(t, sup, 'enterprises', buildEnterprise())).id;
    const target = t.database.target;
    assert.equal(target.kind, 'postgres');
    const env = {
      HEARTH_DATABASE_URL: urlInSchema(url ?? '', target.kind === 'postgres' ? target.schema : ''),
      HEARTH_ADMIN_PASSWORD: 'correct-horse-battery',
    };
    processes.push(...(await Promise.all([startHearthProcess(env), startHearthProcess(env)])));
  });
  after(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await t.close();
  });

  it('readings of one station split over both processes open one alarm', async () => {
    for (let round = 0; round < 3; round++) {
      const station = await create(t, sup, 'stations', buildStation({ enterpriseId }));
      const { token } = await registerDevice(t, sup, { stationId: station.id });
      const from = Date.now() - 3_600_000;
      // both processes get hot readings of the same station at the same time, interleaved in time
      await Promise.all(
        processes.map(async (p, k) => {
          for (let batch = 0; batch < 4; batch++) {
            const body = Array.from({ length: 50 }, (_, i) => ({
              stationCode: station.code,
              ts: from + ((batch * 50 + i) * 2 + k) * 1000,
              values: { secondarySupplyTemp: 100 },
            }));
            const r = await fetch(`${p.url}/api/ingest/telemetry`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify(body),
            });
            assert.equal(r.status, 200, await r.text());
          }
        }),
      );
      // each process evaluates in the background after its commits: wait until an alarm shows, then settle
      let open: AlarmPage['items'] = [];
      for (let i = 0; i < 100 && open.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        open = (
          (await t.request('GET', `/api/alarms?stationId=${station.id}&pageSize=10`, sup)).json() as AlarmPage
        ).items;
      }
      await new Promise((r) => setTimeout(r, 500));
      open = (
        (await t.request('GET', `/api/alarms?stationId=${station.id}&pageSize=10`, sup)).json() as AlarmPage
      ).items;
      assert.equal(open.filter((a) => a.type === 'threshold').length, 1, `round ${round}`);
    }
  });
});
