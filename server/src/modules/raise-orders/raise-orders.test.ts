// 升温令 over HTTP on the test database: issue, list, detail with the compliance list per enterprise (live after
// the deadline, stored by the scheduled check), cancel, recheck, export, every error code, and tenant isolation
// route by route; the cold-wave warnings route and its service over a fixed forecast.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from '@hearth/contracts/common';
import type { RaiseOrder, RaiseOrderDetail, WarningsResponse } from '@hearth/contracts/raise-orders';
import { buildEnterprise, buildStation, create, registerDevice } from '../../test-support/factories.ts';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { DEFAULT_RAISE_ORDERS } from '../../container.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import { readSheet } from '../../lib/spreadsheet.ts';
import { createColdWaveService } from './cold-wave.service.ts';

const HOUR = 3_600_000;

describe('raise orders 升温令', () => {
  let t: TestApp;
  let sup: string;
  let entA: string;
  let entB: string;
  let viewer: string;
  const ids = { a: 0, b: 0, a1: 0, a2: 0, b1: 0 };
  const now = Date.now();
  // baseline window [effective − 3 h, effective), after window [deadline, deadline + 3 h): both in the past
  const effectiveAt = new Date(now - 10 * HOUR).toISOString();
  const deadline = new Date(now - 6 * HOUR).toISOString();
  const order = (o: object = {}) => ({
    scope: 'city',
    mode: 'increase',
    value: 3,
    effectiveAt,
    deadline,
    reason: '寒潮来袭，全市提高二次供水温度',
    ...o,
  });
  const issue = async (body: object, token = sup) => {
    const r = await t.request('POST', '/api/raise-orders', token, body);
    assert.equal(r.status, 201, r.body);
    return r.json() as RaiseOrderDetail;
  };
  const detail = async (id: number, token = sup) => {
    const r = await t.request('GET', `/api/raise-orders/${id}`, token);
    assert.equal(r.status, 200, r.body);
    return r.json() as RaiseOrderDetail;
  };

  before(async () => {
    t = await createTestApp();
    sup = await t.tokenFor('supervisor');
    viewer = await t.tokenFor('viewer');
    ids.a = (await create(t, sup, 'enterprises', buildEnterprise({ name: '甲热力' }))).id;
    ids.b = (await create(t, sup, 'enterprises', buildEnterprise({ name: '乙热力' }))).id;
    entA = await t.tokenFor('enterprise', { enterpriseId: ids.a });
    entB = await t.tokenFor('enterprise', { enterpriseId: ids.b });
    const station = async (enterpriseId: number, name: string, before: number, after: number | null) => {
      const s = await create(t, sup, 'stations', buildStation({ enterpriseId, name }));
      const device = await registerDevice(t, sup, { stationId: s.id });
      const at = (offsetH: number, value: number) => ({
        stationCode: s.code,
        ts: now + offsetH * HOUR,
        values: { secondarySupplyTemp: value },
      });
      // 4 baseline readings (−12.5 … −10.5 h) and 4 after the deadline (−5.5 … −3.5 h); one inside the
      // raise period that no window counts
      const body = [
        ...[-12.5, -11.5, -11, -10.5].map((h) => at(h, before)),
        at(-8, 99),
        ...(after === null ? [] : [-5.5, -5, -4, -3.5].map((h) => at(h, after))),
      ];
      const r = await t.request('POST', '/api/ingest/telemetry', device.token, body);
      assert.equal(r.status, 200, r.body);
      return s.id;
    };
    ids.a1 = await station(ids.a, '甲一站', 50, 53.5);
    ids.a2 = await station(ids.a, '甲二站', 50, 51);
    ids.b1 = await station(ids.b, '乙一站', 48, null);
  });
  after(() => t.close());

  it('issues a city-wide order and checks it against telemetry after the deadline', async () => {
    const issued = await issue(order());
    assert.match(issued.code, /^SWL-\d{8}-\d{4}$/);
    assert.equal(issued.status, 'issued');
    assert.equal(issued.compliance.kind, 'live');
    const byStation = new Map(
      issued.compliance.enterprises.flatMap((e) => e.stations.map((s) => [s.stationName, s])),
    );
    assert.deepEqual(
      [...byStation.values()].map((s) => [s.stationName, s.outcome]),
      [
        ['甲二站', 'not_complied'],
        ['甲一站', 'complied'],
        ['乙一站', 'no_data'],
      ].sort((x, y) => (x[0] as string).localeCompare(y[0] as string, 'zh')),
    );
    const a1 = byStation.get('甲一站');
    assert.deepEqual(
      [a1?.baseline, a1?.after, a1?.required, a1?.achieved, a1?.baselineReadings, a1?.afterReadings],
      [50, 53.5, 3, 3.5, 4, 4],
    );
    const a = issued.compliance.enterprises.find((e) => e.enterpriseId === ids.a);
    assert.deepEqual([a?.enterpriseName, a?.complied, a?.notComplied, a?.noData], ['甲热力', 1, 1, 0]);

    // the scheduled job stores it (the after window ended 3 h ago); from then on it reads the stored rows
    assert.equal(await t.container.raiseOrders.checkDue(), 1);
    assert.equal(await t.container.raiseOrders.checkDue(), 0);
    const stored = await detail(issued.id);
    assert.equal(stored.status, 'checked');
    assert.equal(stored.compliance.kind, 'stored');
    assert.deepEqual(stored.summary, { total: 3, complied: 1, notComplied: 1, noData: 1 });
    assert.deepEqual(stored.compliance.enterprises, issued.compliance.enterprises);

    // recheck: the same figures, stored again; audited
    const r = await t.request('POST', `/api/raise-orders/${issued.id}/check`, sup);
    assert.equal(r.status, 200, r.body);
    const audit = (await t.request('GET', '/api/audit?entity=raise_order', sup)).json() as Page<{
      action: string;
      entityId: string;
    }>;
    const actions = audit.items.filter((e) => e.entityId === String(issued.id)).map((e) => e.action);
    assert.deepEqual(actions.sort(), ['check', 'check', 'create']);
  });

  it('checks a target order, and an order of named stations only', async () => {
    const target = await issue(
      order({ scope: 'stations', stationIds: [ids.a1, ids.b1], mode: 'target', value: 52 }),
    );
    assert.deepEqual(target.stations.map((s) => s.name).sort(), ['乙一站', '甲一站'].sort());
    const outcomes = target.compliance.enterprises.flatMap((e) =>
      e.stations.map((s) => [s.stationName, s.outcome, s.required]),
    );
    assert.deepEqual(
      outcomes.sort(),
      [
        ['甲一站', 'complied', 2],
        ['乙一站', 'no_data', 4],
      ].sort(),
    );
  });

  it('shows an enterprise its own orders and results only, a foreign order as not found (route by route)', async () => {
    const city = await issue(order({ reason: '全市' }));
    const onlyB = await issue(order({ scope: 'enterprises', enterpriseIds: [ids.b], reason: '乙' }));
    const listA = (await t.request('GET', '/api/raise-orders?pageSize=100', entA)).json() as Page<RaiseOrder>;
    assert.ok(listA.items.some((o) => o.id === city.id));
    assert.ok(!listA.items.some((o) => o.id === onlyB.id));
    const listB = (await t.request('GET', '/api/raise-orders?pageSize=100', entB)).json() as Page<RaiseOrder>;
    assert.ok(listB.items.some((o) => o.id === onlyB.id));

    const seenByA = await detail(city.id, entA);
    assert.deepEqual(
      seenByA.compliance.enterprises.map((e) => e.enterpriseId),
      [ids.a],
    );
    for (const [method, url] of [
      ['GET', `/api/raise-orders/${onlyB.id}`],
      ['GET', `/api/raise-orders/${onlyB.id}/compliance/export`],
    ] as const) {
      const r = await t.request(method, url, entA);
      assert.equal(r.status, 404, `${method} ${url}`);
      assert.equal((r.json() as { error: { code: string } }).error.code, 'raise_order.not_found');
    }
    for (const url of [
      `/api/raise-orders/${onlyB.id}/cancel`,
      `/api/raise-orders/${onlyB.id}/check`,
      '/api/raise-orders',
    ])
      assert.equal((await t.request('POST', url, entA, order())).status, 403, url);
    assert.equal((await t.request('POST', '/api/raise-orders', viewer, order())).status, 403);
    assert.equal((await t.request('GET', '/api/raise-orders', undefined)).status, 401);

    // a supervisor's enterprise filter lists what that enterprise sees
    const filtered = (
      await t.request('GET', `/api/raise-orders?enterpriseId=${ids.a}&pageSize=100`, sup)
    ).json() as Page<RaiseOrder>;
    assert.ok(filtered.items.some((o) => o.id === city.id) && !filtered.items.some((o) => o.id === onlyB.id));

    // the export holds the caller's stations only
    const csv = await t.request('GET', `/api/raise-orders/${city.id}/compliance/export?format=csv`, entA);
    assert.equal(csv.status, 200, csv.body);
    assert.match(csv.body, /令号,要求,生效时间,完成时限,供热企业,换热站编码,换热站,核查结果/);
    assert.match(csv.body, /甲一站/);
    assert.doesNotMatch(csv.body, /乙一站/);
    const xlsx = await t.app.inject({
      method: 'GET',
      url: `/api/raise-orders/${city.id}/compliance/export?format=xlsx`,
      headers: { authorization: `Bearer ${sup}` },
    });
    assert.equal(xlsx.statusCode, 200);
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
    const sheet = await readSheet('xlsx', xlsx.rawPayload);
    assert.deepEqual(sheet.header?.fields.slice(4, 8), ['供热企业', '换热站编码', '换热站', '核查结果']);
    assert.deepEqual(
      sheet.rows.map((r) => [r.fields[6], r.fields[7]]).sort(),
      [
        ['乙一站', '无数据'],
        ['甲一站', '已执行'],
        ['甲二站', '未执行'],
      ].sort(),
    );
  });

  it('cancels an issued order once, never checks a cancelled one, and waits for the deadline', async () => {
    const future = await issue(
      order({
        effectiveAt: new Date(now + HOUR).toISOString(),
        deadline: new Date(now + 5 * HOUR).toISOString(),
      }),
    );
    assert.equal(future.compliance.kind, 'pending');
    const early = await t.request('POST', `/api/raise-orders/${future.id}/check`, sup);
    assert.equal(early.status, 409);
    assert.equal((early.json() as { error: { code: string } }).error.code, 'raise_order.not_due');
    const cancelled = await t.request('POST', `/api/raise-orders/${future.id}/cancel`, sup);
    assert.equal(cancelled.status, 200, cancelled.body);
    assert.equal((cancelled.json() as RaiseOrderDetail).status, 'cancelled');
    for (const action of ['cancel', 'check']) {
      const r = await t.request('POST', `/api/raise-orders/${future.id}/${action}`, sup);
      assert.equal(r.status, 409, action);
      assert.equal((r.json() as { error: { code: string } }).error.code, 'raise_order.invalid_state');
    }
    const list = (
      await t.request('GET', '/api/raise-orders?status=cancelled', sup)
    ).json() as Page<RaiseOrder>;
    assert.deepEqual(
      list.items.map((o) => o.id),
      [future.id],
    );
  });

  it('filters the list by the city day of issue', async () => {
    const cityDay = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);
    const today = cityDay(Date.now());
    const yesterday = cityDay(Date.now() - 24 * HOUR);
    const list = async (q: string) =>
      ((await t.request('GET', `/api/raise-orders?pageSize=100&${q}`, sup)).json() as Page<RaiseOrder>).total;
    const all = await list('');
    assert.ok(all > 0);
    assert.equal(await list(`from=${today}&to=${today}`), all);
    assert.equal(await list(`to=${yesterday}`), 0);
  });

  it('refuses invalid orders', async () => {
    const cases: [object, number, string][] = [
      [order({ scope: 'enterprises' }), 400, 'request.invalid'],
      [order({ scope: 'stations', stationIds: [] }), 400, 'request.invalid'],
      [order({ deadline: effectiveAt }), 400, 'request.invalid'],
      [order({ value: 0 }), 400, 'request.invalid'],
      [order({ scope: 'stations', stationIds: [999_999] }), 422, 'raise_order.reference_not_found'],
      [order({ scope: 'enterprises', enterpriseIds: [999_999] }), 422, 'raise_order.reference_not_found'],
    ];
    for (const [body, status, code] of cases) {
      const r = await t.request('POST', '/api/raise-orders', sup, body);
      assert.equal(r.status, status, r.body);
      assert.equal((r.json() as { error: { code: string } }).error.code, code);
    }
    assert.equal((await t.request('GET', '/api/raise-orders/999999', sup)).status, 404);
  });

  it('answers the cold-wave warnings to every role', async () => {
    // a forecast in the weather store: the demo series written from two days ago, 7 days beyond now
    await t.container.weather.writeDemo(
      SYSTEM_ACTOR,
      Date.now() - 2 * 86_400_000,
      (ms) => Math.round((-4 + 6 * Math.sin((2 * Math.PI * ms) / 86_400_000)) * 10) / 10,
    );
    const r = await t.request('GET', '/api/weather/warnings', entB);
    assert.equal(r.status, 200, r.body);
    const body = r.json() as WarningsResponse;
    assert.equal(body.dropBasis, 'min');
    assert.equal(body.days.length, 7);
    assert.deepEqual(
      body.levels.map((l) => l.level),
      ['blue', 'yellow', 'orange', 'red'],
    );
  });
});

describe('cold-wave warnings over a forecast', () => {
  it('gives today on, with the figures of each warning day', async () => {
    const service = createColdWaveService({
      dailyForecast: async () => [
        { date: '2026-01-09', min: 2, max: 9, mean: 5 },
        { date: '2026-01-10', min: -7, max: 0, mean: -3 },
        { date: '2026-01-11', min: -4, max: 1, mean: -2 },
        { date: '2026-01-12', min: 0, max: 6, mean: 3 },
      ],
      levels: DEFAULT_RAISE_ORDERS.levels,
      dropBasis: 'min',
      timeZone: 'Asia/Shanghai',
      // 2026-01-10 07:00 in the city
      now: () => Date.parse('2026-01-09T23:00:00Z'),
    });
    const w = await service.warnings();
    assert.deepEqual(
      w.days.map((d) => d.date),
      ['2026-01-10', '2026-01-11', '2026-01-12'],
    );
    assert.deepEqual(
      w.warnings.map((x) => [x.level, x.days.map((d) => [d.date, d.min, d.drop, d.triggers])]),
      [
        ['red', [['2026-01-10', -7, 9, ['drop>=8']]]],
        ['blue', [['2026-01-11', -4, -3, ['min<-3']]]],
      ],
    );
  });
});
