// The Mosquitto acl_file text: one write rule per active device, a read rule for the ingest account.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isAclUsername, mosquittoAcl } from './mosquitto-acl.rules.ts';

const at = new Date('2026-11-30T00:00:00Z');

describe('mosquittoAcl', () => {
  it('gives each device its own topic, in id order, and the ingest account read access', () => {
    const text = mosquittoAcl(
      [
        { id: 17, topic: 'hearth/v1/households/HH-00000001/indoor' },
        { id: 3, topic: 'hearth/v1/stations/ST-003/telemetry' },
      ],
      'hearth-ingest',
      at,
    );
    const rules = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    assert.deepEqual(rules, [
      'user hearth-ingest',
      'topic read hearth/v1/#',
      'topic read $SYS/broker/#',
      'user 3',
      'topic write hearth/v1/stations/ST-003/telemetry',
      'user 17',
      'topic write hearth/v1/households/HH-00000001/indoor',
    ]);
    assert.match(text, /generated 2026-11-30T00:00:00\.000Z/);
  });
  it('has only the ingest rule without devices', () => {
    assert.equal(
      mosquittoAcl([], 'ingest', at)
        .split('\n')
        .filter((l) => l.startsWith('user')).length,
      1,
    );
  });
  const names: [string, boolean][] = [
    ['hearth-ingest', true],
    ['采集账号', true],
    ['two words', false],
    ['line\nbreak', false],
    ['', false],
  ];
  for (const [name, ok] of names)
    it(`user name ${JSON.stringify(name)} → ${ok}`, () => assert.equal(isAclUsername(name), ok));
  it('refuses a bad ingest user name or an unexpected topic', () => {
    assert.throws(() => mosquittoAcl([], 'a b', at), RangeError);
    assert.throws(() => mosquittoAcl([{ id: 1, topic: 'hearth/v1/#' }], 'ingest', at), RangeError);
    assert.throws(() => mosquittoAcl([{ id: 1, topic: 'other/x' }], 'ingest', at), RangeError);
  });
});
