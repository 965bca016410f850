// Configuration: defaults, overrides and readable errors for every bad variable.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.port, 8080);
    assert.equal(c.dataDir, path.resolve('.hearth'));
    assert.equal(c.databaseUrl, undefined);
    assert.equal(c.timeZone, 'Asia/Shanghai');
    assert.equal(c.sessionTtlMs, 12 * 3_600_000);
  });
  it('reads overrides', () => {
    const c = loadConfig({
      HEARTH_PORT: '9090',
      HEARTH_DATABASE_URL: 'postgres://u@h:5432/db',
      HEARTH_TZ: 'Asia/Harbin',
      HEARTH_ADMIN_PASSWORD: 'long-enough',
    });
    assert.equal(c.port, 9090);
    assert.equal(c.databaseUrl, 'postgres://u@h:5432/db');
    assert.equal(c.timeZone, 'Asia/Harbin');
    assert.equal(c.adminPassword, 'long-enough');
  });
  it('reads the sampling spread checks, all by default, none on request, unknown ones refused', () => {
    assert.deepEqual(loadConfig({}).telemetry.samplingSpread, ['ground_floor', 'top_floor', 'far_end']);
    assert.deepEqual(loadConfig({ HEARTH_SAMPLING_SPREAD: 'top_floor, far_end' }).telemetry.samplingSpread, [
      'top_floor',
      'far_end',
    ]);
    assert.deepEqual(loadConfig({ HEARTH_SAMPLING_SPREAD: 'none' }).telemetry.samplingSpread, []);
    assert.throws(
      () => loadConfig({ HEARTH_SAMPLING_SPREAD: 'top_floor,gable' }),
      (e: unknown) => e instanceof ConfigError && /HEARTH_SAMPLING_SPREAD.*gable/.test(e.problems.join('\n')),
    );
  });
  it('trusts no proxy by default; reads true, a hop count or a list of addresses and CIDRs; refuses the rest', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ HEARTH_TRUST_PROXY: 'false' }).trustProxy, false);
    assert.equal(loadConfig({ HEARTH_TRUST_PROXY: 'true' }).trustProxy, true);
    assert.equal(loadConfig({ HEARTH_TRUST_PROXY: '2' }).trustProxy, 2);
    assert.deepEqual(
      loadConfig({ HEARTH_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1,fd00::/8,loopback' }).trustProxy,
      ['10.0.0.1', '192.168.0.0/16', '::1', 'fd00::/8', 'loopback'],
    );
    for (const bad of ['yes', '10.0.0.0/33', '10.0.0.300', 'proxy.local', '::1/129', '1.2.3.4/8/9'])
      assert.throws(
        () => loadConfig({ HEARTH_TRUST_PROXY: bad }),
        (e: unknown) => e instanceof ConfigError && /HEARTH_TRUST_PROXY/.test(e.problems.join('\n')),
        bad,
      );
  });
  it('bounds MQTT packets at 8 MiB by default, within what MQTT can announce', () => {
    assert.equal(loadConfig({}).mqtt.maxPacketBytes, 8 * 1024 * 1024);
    assert.equal(loadConfig({ HEARTH_MQTT_MAX_PACKET_BYTES: '65536' }).mqtt.maxPacketBytes, 65_536);
    for (const bad of ['0', '-1', '1.5', 'big', String(256 * 1024 * 1024 + 6)])
      assert.throws(
        () => loadConfig({ HEARTH_MQTT_MAX_PACKET_BYTES: bad }),
        (e: unknown) =>
          e instanceof ConfigError && /HEARTH_MQTT_MAX_PACKET_BYTES/.test(e.problems.join('\n')),
        bad,
      );
  });
  it('keeps a demo city living by default; HEARTH_DEMO_LIVE=false stops it; other words refused', () => {
    assert.equal(loadConfig({}).demoLive, true);
    assert.equal(loadConfig({ HEARTH_DEMO_LIVE: 'false' }).demoLive, false);
    assert.equal(loadConfig({ HEARTH_DEMO_LIVE: '0' }).demoLive, false);
    assert.equal(loadConfig({ HEARTH_DEMO_LIVE: '1' }).demoLive, true);
    assert.throws(
      () => loadConfig({ HEARTH_DEMO_LIVE: 'maybe' }),
      (e: unknown) =>
        e instanceof ConfigError && /HEARTH_DEMO_LIVE: true or false/.test(e.problems.join('\n')),
    );
  });
  it('takes the compensation city from HEARTH_CITY (北京 by default) with its GB 50736 design temperature', () => {
    assert.deepEqual(loadConfig({}).city, { name: '北京', designOutdoorTemp: -7.6 });
    assert.deepEqual(loadConfig({ HEARTH_CITY: '哈尔滨市' }).city, {
      name: '哈尔滨',
      designOutdoorTemp: -24.2,
    });
    assert.throws(
      () => loadConfig({ HEARTH_CITY: '广州' }),
      (e: unknown) => e instanceof ConfigError && /HEARTH_CITY.*GB 50736/.test(e.problems.join('\n')),
    );
  });
  it('reads the weather settings: no provider, Beijing’s legal period and HDD base 18 by default; bad values refused', () => {
    const w = loadConfig({}).weather;
    assert.deepEqual(
      [w.forecastUrl, w.legalPeriod, w.hddBase, w.threshold],
      [undefined, { start: '11-15', end: '03-15' }, 18, 5],
    );
    const taiyuan = loadConfig({
      HEARTH_HEATING_LEGAL_PERIOD: '11-01/03-31',
      HEARTH_WEATHER_FORECAST_URL: 'https://api.open-meteo.com/v1/forecast?latitude=37.9',
      HEARTH_HDD_BASE: '20',
    }).weather;
    assert.deepEqual(taiyuan.legalPeriod, { start: '11-01', end: '03-31' });
    assert.equal(taiyuan.forecastUrl, 'https://api.open-meteo.com/v1/forecast?latitude=37.9');
    assert.equal(taiyuan.hddBase, 20);
    for (const [name, value] of [
      ['HEARTH_HEATING_LEGAL_PERIOD', '11-31/03-15'],
      ['HEARTH_HEATING_LEGAL_PERIOD', '11-15'],
      ['HEARTH_WEATHER_FORECAST_URL', 'ftp://weather.example/x'],
    ] as const)
      assert.throws(
        () => loadConfig({ [name]: value }),
        (e: unknown) => e instanceof ConfigError && e.problems.join('\n').includes(name),
        `${name}=${value}`,
      );
  });
  it('reads the cold-wave levels and the raise-order check settings; refuses a bad level table', () => {
    const d = loadConfig({}).raiseOrders;
    assert.deepEqual(
      d.levels.map((l) => [l.level, l.conditions]),
      [
        ['blue', [{ kind: 'min', value: -3 }]],
        ['yellow', [{ kind: 'min', value: -6 }]],
        ['orange', [{ kind: 'min', value: -9 }]],
        ['red', [{ kind: 'drop', value: 8 }]],
      ],
    );
    assert.deepEqual(
      [d.dropBasis, d.baselineMs, d.afterMs, d.toleranceC, d.minReadings],
      ['min', 3 * 3_600_000, 3 * 3_600_000, 0.5, 3],
    );
    const c = loadConfig({
      HEARTH_COLD_WAVE_LEVELS: 'yellow:min<-8&drop>=10',
      HEARTH_COLD_WAVE_DROP_OF: 'mean',
      HEARTH_RAISE_AFTER_HOURS: '2',
    }).raiseOrders;
    assert.deepEqual(c.levels, [
      {
        level: 'yellow',
        conditions: [
          { kind: 'min', value: -8 },
          { kind: 'drop', value: 10 },
        ],
      },
    ]);
    assert.equal(c.dropBasis, 'mean');
    assert.equal(c.afterMs, 2 * 3_600_000);
    for (const env of [
      { HEARTH_COLD_WAVE_LEVELS: 'pink:min<-3' },
      { HEARTH_COLD_WAVE_DROP_OF: 'max' },
      { HEARTH_RAISE_TOLERANCE: '-1' },
    ])
      assert.throws(() => loadConfig(env), ConfigError, JSON.stringify(env));
  });

  it('treats empty variables as unset', () => {
    assert.equal(loadConfig({ HEARTH_DATABASE_URL: '' }).databaseUrl, undefined);
  });
  it('lists every problem at once', () => {
    assert.throws(
      () =>
        loadConfig({
          HEARTH_PORT: 'eighty',
          HEARTH_TZ: 'Mars/Olympus',
          HEARTH_DATABASE_URL: 'mysql://x',
          HEARTH_ADMIN_PASSWORD: 'short',
        }),
      (e: unknown) => {
        assert.ok(e instanceof ConfigError);
        const text = e.problems.join('\n');
        for (const name of ['HEARTH_PORT', 'HEARTH_TZ', 'HEARTH_DATABASE_URL', 'HEARTH_ADMIN_PASSWORD'])
          assert.match(text, new RegExp(name));
        return true;
      },
    );
  });
  it('turns webhooks on with a URL and a secret of 16 characters or more, off without a URL', () => {
    assert.equal(loadConfig({}).webhook, null);
    const c = loadConfig({
      HEARTH_WEBHOOK_URL: 'https://hooks.example.org/hearth',
      HEARTH_WEBHOOK_SECRET: '0123456789abcdef',
      HEARTH_WEBHOOK_TIMEOUT_SECONDS: '5',
    });
    assert.deepEqual(c.webhook, {
      url: 'https://hooks.example.org/hearth',
      secret: '0123456789abcdef',
      timeoutMs: 5000,
      maxAttempts: 10,
    });
    for (const [env, variable] of [
      [{ HEARTH_WEBHOOK_URL: 'https://hooks.example.org/x' }, 'HEARTH_WEBHOOK_SECRET'],
      [
        { HEARTH_WEBHOOK_URL: 'https://h.example.org', HEARTH_WEBHOOK_SECRET: 'short' },
        'HEARTH_WEBHOOK_SECRET',
      ],
      [
        { HEARTH_WEBHOOK_URL: 'ftp://h.example.org', HEARTH_WEBHOOK_SECRET: '0123456789abcdef' },
        'HEARTH_WEBHOOK_URL',
      ],
      [{ HEARTH_WEBHOOK_URL: 'not a url', HEARTH_WEBHOOK_SECRET: '0123456789abcdef' }, 'HEARTH_WEBHOOK_URL'],
    ] as const)
      assert.throws(
        () => loadConfig(env),
        (e: unknown) => e instanceof ConfigError && e.problems.join('\n').includes(variable),
        JSON.stringify(env),
      );
  });
});
