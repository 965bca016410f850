// Counting broker drops: first sight, growth, unchanged, broker restart; $SYS payloads.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { counterValue, droppedSince } from './broker-watch.rules.ts';

describe('droppedSince', () => {
  for (const [recorded, seen, expected, why] of [
    [null, 0, 0, 'nothing dropped, first sight'],
    [null, 1701, 1701, 'drops before Hearth first looked are still drops'],
    [1701, 1701, 0, 'unchanged'],
    [1701, 2000, 299, 'grew'],
    [2000, 40, 40, 'the broker restarted: its count starts again'],
    [10, -1, 0, 'nonsense is no drop'],
  ] as const)
    it(why, () => assert.equal(droppedSince(recorded, seen), expected));
});

describe('counterValue', () => {
  for (const [payload, expected] of [
    ['1701', 1701],
    [' 42\n', 42],
    ['0', 0],
    ['-3', undefined],
    ['1.5', undefined],
    ['mosquitto version 2.0.11', undefined],
    ['', undefined],
  ] as const)
    it(JSON.stringify(payload), () => assert.equal(counterValue(Buffer.from(payload)), expected));
});
