// 报警 end to end through the API and the telemetry writer: a crossing raises one alarm, clears, flaps within
// the hold-off onto the same alarm, acknowledge / close with notes and the timeline, escalation by the job,
// the hooks, 100,000 out-of-range readings → one alarm, CSV export, rules CRUD (audited) and tenant isolation
// route by route.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Alarm, AlarmDetail, AlarmPage, AlarmRule } from '@hearth/contracts/alarms';
import { METRIC_KEYS } from '@hearth/contracts/telemetry';
import { packReadings, type StoredReading } from '../telemetry/reading-batch.ts';
import { buildEnterprise, buildStation, create, registerDevice } from '../../test-support/factories.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';

const MIN = 60_000;
const SUPPLY = METRIC_KEYS.indexOf('secondarySupplyTemp');

describe('alarms', () => {
  let t: TestApp;
  let sup: string;
  let entA: string;
  let entB: string;
  let stationA: { id: number; code: string; token: string };
  let stationB: { id: number; code: string; token: string };
  const t0 = Date.now() - 60 * MIN;

  /** posts station readings `[minutes after t0, secondary supply ℃]` and waits for their evaluation */
  const send = async (s: { code: string; token: string }, readings: [number, number][]) => {
    const body = readings.map(([m, v]) => ({
      stationCode: s.code,
      ts: t0 + m * MIN,
      values: { secondarySupplyTemp: v },
    }));
    const r = await t.request('POST', '/api/ingest/telemetry', s.token, body);
    assert.equal(r.status, 200, r.body);
    await t.container.alarms.idle();
  };
  const list = async (token: string, query = '') => {
    const r = await t.request('GET', `/api/alarms?pageSize=100${query}`, token);
    assert.equal(r.status, 200, r.body);
    return r.json() as AlarmPage;
  };
  const detail = async (id: number, token = sup) => {
    const r = await t.request('GET', `/api/alarms/${id}`, token);
    assert.equal(r.status, 200, r.body);
    return r.json() as AlarmDetail;
  };
  const rules = async () => (await t.request('GET', '/api/alarm-rules', sup)).json() as AlarmRule[];
  const rule = async (name: string) => (await rules()).find((r) => r.name === name) as AlarmRule;

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
    const a = await create(t, sup, 'enterprises', buildEnterprise());
    const b = await create(t, sup, 'enterprises', buildEnterprise());
    entA = await t.tokenFor('enterprise', { enterpriseId: a.id });
    entB = await t.tokenFor('enterprise', { enterpriseId: b.id });
    const sa = await create(t, sup, 'stations', buildStation({ enterpriseId: a.id }));
    const sb = await create(t, sup, 'stations', buildStation({ enterpriseId: b.id }));
    stationA = {
      id: sa.id,
      code: sa.code,
      token: (await registerDevice(t, sup, { stationId: sa.id })).token,
    };
    stationB = {
      id: sb.id,
      code: sb.code,
      token: (await registerDevice(t, sup, { stationId: sb.id })).token,
    };
  });
  after(async () => t.close());

  it('seeds the default city rules', async () => {
    const types = new Set((await rules()).map((r) => r.type));
    for (const type of [
      'threshold',
      'supply_deviation',
      'indoor_low',
      'offline',
      'leak',
      'fuel_reserve',
      'overdue_work',
    ])
      assert.ok(types.has(type as never), type);
  });

  it('raises once the condition held its duration, and only once', async () => {
    // the default 二次供水温度过高: > 95 ℃ for 60 s
    await send(stationA, [
      [0, 80],
      [1, 97],
    ]);
    assert.equal((await list(sup, `&stationId=${stationA.id}`)).total, 0, 'not yet held for 60 s');
    await send(stationA, [
      [2, 98],
      [3, 99],
      [4, 100],
    ]);
    const page = await list(sup, `&stationId=${stationA.id}`);
    assert.equal(page.total, 1);
    const alarm = page.items[0] as Alarm;
    assert.equal(alarm.state, 'raised');
    assert.equal(alarm.type, 'threshold');
    assert.equal(
      alarm.targetName,
      (await t.request('GET', `/api/stations/${stationA.id}`, sup)).json() && alarm.stationName,
    );
    assert.equal(alarm.value, 98);
    assert.equal(alarm.threshold, 95);
    assert.equal(alarm.raisedAt, new Date(t0 + 2 * MIN).toISOString());
    assert.match(alarm.message, /二次供水温度/);
  });

  it('clears when the condition is gone and re-opens the same alarm within the hold-off', async () => {
    await send(stationA, [[5, 80]]);
    let [alarm] = (await list(sup, `&stationId=${stationA.id}`)).items as [Alarm];
    assert.equal(alarm.state, 'cleared');
    assert.equal(alarm.clearedAt, new Date(t0 + 5 * MIN).toISOString());
    // back within the 10-minute hold-off: same alarm, two occurrences
    await send(stationA, [
      [7, 99],
      [9, 99],
    ]);
    const page = await list(sup, `&stationId=${stationA.id}`);
    assert.equal(page.total, 1);
    [alarm] = page.items as [Alarm];
    assert.equal(alarm.state, 'raised');
    assert.equal(alarm.occurrences, 2);
    const kinds = (await detail(alarm.id)).events.map((e) => e.kind);
    assert.deepEqual(kinds, ['raised', 'cleared', 'reraised']);
  });

  it('acknowledges and closes with notes, in the timeline; a closed alarm cannot be closed again', async () => {
    const [alarm] = (await list(sup, `&stationId=${stationA.id}`)).items as [Alarm];
    const ack = await t.request('POST', `/api/alarms/${alarm.id}/acknowledge`, entA, { note: '已派人检查' });
    assert.equal(ack.status, 200, ack.body);
    assert.equal((ack.json() as Alarm).state, 'acknowledged');
    assert.equal((await t.request('POST', `/api/alarms/${alarm.id}/acknowledge`, sup, {})).status, 409);
    await send(stationA, [[11, 70]]);
    assert.equal((await detail(alarm.id)).alarm.state, 'cleared');
    assert.equal((await t.request('POST', `/api/alarms/${alarm.id}/close`, sup, { note: '' })).status, 400);
    const closed = await t.request('POST', `/api/alarms/${alarm.id}/close`, sup, { note: '阀门已调整' });
    assert.equal(closed.status, 200, closed.body);
    const d = await detail(alarm.id);
    assert.equal(d.alarm.state, 'closed');
    assert.ok(d.alarm.closedBy);
    assert.deepEqual(
      d.events.map((e) => [e.kind, e.note]),
      [
        ['raised', null],
        ['cleared', null],
        ['reraised', null],
        ['acknowledged', '已派人检查'],
        ['cleared', null],
        ['closed', '阀门已调整'],
      ],
    );
    const again = await t.request('POST', `/api/alarms/${alarm.id}/close`, sup, { note: 'x' });
    assert.equal(again.status, 409);
    assert.equal((again.json() as { error: { code: string } }).error.code, 'alarm.invalid_state');
    // the condition returning now opens a new alarm
    await send(stationA, [
      [20, 99],
      [22, 99],
    ]);
    const open = await list(sup, `&stationId=${stationA.id}&state=open`);
    assert.equal(open.total, 1);
    assert.notEqual((open.items[0] as Alarm).id, alarm.id);
  });

  it('turns 100,000 out-of-range readings of one station into one alarm', async () => {
    const rows: StoredReading[] = [];
    const from = Date.now() - 100_000 * 500;
    for (let i = 0; i < 100_000; i++) {
      const values = new Array<number | null>(METRIC_KEYS.length).fill(null);
      values[SUPPLY] = 120 + (i % 7);
      rows.push({
        kind: 'station',
        targetId: stationB.id,
        deviceId: 0,
        ts: from + i * 500,
        receivedAt: Date.now(),
        values,
      });
    }
    for (let i = 0; i < rows.length; i += 20_000)
      await t.container.telemetryWriter.submit(packReadings(rows.slice(i, i + 20_000)));
    await t.container.alarms.idle();
    const page = await list(sup, `&stationId=${stationB.id}`);
    assert.equal(page.total, 1);
    assert.equal((page.items[0] as Alarm).occurrences, 1);
    assert.equal((await detail((page.items[0] as Alarm).id)).events.length, 1);
  });

  it('keeps tenants apart on every route', async () => {
    const [foreign] = (await list(sup, `&stationId=${stationB.id}`)).items as [Alarm];
    const own = await list(entA);
    assert.ok(own.total >= 1);
    assert.ok(own.items.every((a) => a.stationId === stationA.id));
    assert.equal((await t.request('GET', `/api/alarms/${foreign.id}`, entA)).status, 404);
    assert.equal((await t.request('POST', `/api/alarms/${foreign.id}/acknowledge`, entA, {})).status, 404);
    assert.equal(
      (await t.request('POST', `/api/alarms/${foreign.id}/close`, entA, { note: 'x' })).status,
      404,
    );
    assert.equal((await list(entA, `&stationId=${stationB.id}`)).total, 0);
    const csv = await t.request('GET', '/api/alarms/export', entA);
    assert.equal(csv.status, 200);
    assert.ok(!csv.body.includes(foreign.targetName));
    const summary = (await t.request('GET', '/api/alarms/summary', entB)).json() as { open: number };
    assert.equal(summary.open, 1);
    assert.equal((await t.request('GET', '/api/alarm-rules', entA)).status, 403);
    assert.equal(
      (await t.request('POST', '/api/alarm-rules', entA, { name: 'x', params: { type: 'overdue_work' } }))
        .status,
      403,
    );
    assert.equal((await t.request('GET', '/api/alarms', undefined)).status, 401);
  });

  it('searches by target, station or enterprise name; % and _ are plain characters', async () => {
    const [alarm] = (await list(sup, `&stationId=${stationB.id}`)).items as [Alarm];
    const byName = await list(sup, `&q=${encodeURIComponent(alarm.stationName ?? '')}`);
    assert.ok(byName.items.some((a) => a.id === alarm.id));
    assert.ok(byName.items.every((a) => a.stationId === stationB.id));
    assert.equal((await list(sup, '&q=%25')).total, 0);
    assert.equal((await list(sup, `&q=${encodeURIComponent(alarm.enterpriseName ?? '')}`)).total >= 1, true);
  });

  it('exports the history with Chinese headers and city time', async () => {
    const r = await t.request('GET', `/api/alarms/export?stationId=${stationB.id}`, sup);
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /text\/csv/);
    const [header, row] = r.body.replace(/^\uFEFF/, '').split(/\r?\n/);
    assert.match(header ?? '', /^报警编号,报警类型,报警规则,级别,状态/);
    assert.match(row ?? '', /越限报警/);
    assert.match(row ?? '', /未确认/);
    assert.match(row ?? '', /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  });

  it('escalates an unacknowledged alarm to the supervisors, then the duty contact', async () => {
    const r0 = await rule('二次供水温度过高');
    const patched = await t.request('PATCH', `/api/alarm-rules/${r0.id}`, sup, {
      escalation: { level1Minutes: 1, level2Minutes: 2, dutyContact: '张值班 13800000000' },
    });
    assert.equal(patched.status, 200, patched.body);
    assert.equal(await t.container.alarms.runJobs(), true);
    const [alarm] = (await list(sup, `&stationId=${stationB.id}`)).items as [Alarm];
    assert.equal(alarm.escalationLevel, 2);
    const escalations = (await detail(alarm.id)).events.filter((e) => e.kind === 'escalated');
    assert.deepEqual(
      escalations.map((e) => [e.level, e.notified]),
      [
        [1, '供热主管部门'],
        [2, '张值班 13800000000'],
      ],
    );
    // the job also judged station A offline: its last reading is older than 30 minutes
    assert.equal((await list(sup, `&stationId=${stationA.id}&type=offline`)).total, 1);
    // a second run changes nothing
    await t.container.alarms.runJobs();
    assert.equal((await detail(alarm.id)).events.filter((e) => e.kind === 'escalated').length, 2);
  });

  it('lets the supervisor override a rule per station, audited', async () => {
    const base = await rule('二次供水温度过高');
    const body = {
      baseRuleId: base.id,
      scope: 'station',
      stationId: stationA.id,
      name: '甲站供温限值',
      severity: 'critical',
      params: {
        type: 'threshold',
        metric: 'secondarySupplyTemp',
        direction: 'above',
        limit: 100,
        forSeconds: 0,
      },
    };
    const r = await t.request('POST', '/api/alarm-rules', sup, body);
    assert.equal(r.status, 201, r.body);
    const override = r.json() as AlarmRule;
    assert.equal(override.stationName !== null, true);
    const wrongType = await t.request('POST', '/api/alarm-rules', sup, {
      ...body,
      stationId: stationB.id,
      params: { type: 'indoor_low' },
    });
    assert.equal(wrongType.status, 422);
    // 97 ℃ no longer raises at station A (its limit is 100 ℃ now); the open alarm clears
    await send(stationA, [[30, 97]]);
    assert.equal((await list(sup, `&stationId=${stationA.id}&state=raised&type=threshold`)).total, 0);
    await send(stationA, [[31, 101]]);
    assert.equal((await list(sup, `&stationId=${stationA.id}&state=raised&type=threshold`)).total, 1);
    const audit = (await t.request('GET', '/api/audit?entity=alarm_rule', sup)).json() as { total: number };
    assert.ok(audit.total >= 2);
    assert.equal((await t.request('DELETE', `/api/alarm-rules/${base.id}`, sup)).status, 409);
  });

  it('raises and clears through the hooks of later modules', async () => {
    const src = await create(t, sup, 'heat-sources', {
      code: 'HS-HOOK',
      name: '东郊热源',
      type: 'chp',
      fuel: 'coal',
      capacityMw: 300,
      enterpriseId: (await list(sup)).items[0]?.enterpriseId ?? 0,
    });
    const [target] = [...(await t.container.alarms.heatSourceTargets([src.id])).values()];
    assert.ok(target);
    await t.container.alarms.raiseFromHook('fuel_reserve', target, {
      message: '燃料储备 12 天，低于 15 天',
      value: 12,
      threshold: 15,
      severity: 'critical',
    });
    await t.container.alarms.raiseFromHook('fuel_reserve', target, {
      message: '燃料储备 11 天',
      value: 11,
      threshold: 15,
    });
    const page = await list(sup, '&type=fuel_reserve');
    assert.equal(page.total, 1);
    assert.equal((page.items[0] as Alarm).severity, 'critical');
    await t.container.alarms.clearFromHook('fuel_reserve', target);
    assert.equal(((await list(sup, '&type=fuel_reserve')).items[0] as Alarm).state, 'cleared');
  });

  it('pushes changes live on the stream, within the caller’s scope', async () => {
    const base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const controller = new AbortController();
    const response = await fetch(`${base}/api/alarms/stream?access_token=${entA}`, {
      signal: controller.signal,
    });
    assert.equal(response.status, 200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const [foreign] = (await list(sup, `&stationId=${stationB.id}&state=raised`)).items as [Alarm];
    const [own] = (await list(sup, `&stationId=${stationA.id}&state=raised&type=threshold`)).items as [Alarm];
    assert.equal((await t.request('POST', `/api/alarms/${foreign.id}/acknowledge`, sup, {})).status, 200);
    assert.equal((await t.request('POST', `/api/alarms/${own.id}/acknowledge`, sup, {})).status, 200);
    let text = '';
    const decoder = new TextDecoder();
    while (!text.includes(`"id":${own.id},`)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    controller.abort();
    const events = text
      .split('\n\n')
      .filter((block) => block.startsWith('event: alarm'))
      .map(
        (block) => JSON.parse(block.slice(block.indexOf('data: ') + 6)) as { event: string; alarm: Alarm },
      );
    assert.deepEqual(
      events.map((e) => [e.event, e.alarm.id]),
      [['acknowledged', own.id]],
      'the other enterprise’s alarm is not pushed',
    );
  });
});
