// Unit tests of reading network geometry, its text for people and the context picked around it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contextAround, geometryText, lineLengthM, readGeometry } from './geometry.ts';

describe('readGeometry', () => {
  it('reads points and lines', () => {
    assert.deepEqual(readGeometry({ type: 'Point', coordinates: [117.1, 39.1] }), {
      kind: 'point',
      lon: 117.1,
      lat: 39.1,
    });
    assert.deepEqual(
      readGeometry({
        type: 'LineString',
        coordinates: [
          [117.1, 39.1],
          [117.2, 39.2],
        ],
      }),
      { kind: 'line', flat: [117.1, 39.1, 117.2, 39.2] },
    );
  });
  it('refuses anything else', () => {
    for (const g of [
      null,
      'x',
      { type: 'Point', coordinates: ['a', 1] },
      { type: 'LineString', coordinates: [[1, 2]] },
    ])
      assert.equal(readGeometry(g), null);
  });
});

describe('geometryText', () => {
  it('gives a point 5 decimals', () =>
    assert.equal(geometryText({ kind: 'point', lon: 117.123456, lat: 39.1 }, 'zh'), '117.12346, 39.10000'));
  it('gives a line its points, ends and length', () => {
    const text = geometryText({ kind: 'line', flat: [117, 39, 117, 39.01] }, 'zh');
    assert.equal(text, '2 个点 · 起 117.00000, 39.00000 → 止 117.00000, 39.01000 · 约 1.11 km');
    assert.match(
      geometryText({ kind: 'line', flat: [117, 39, 117, 39.01] }, 'en'),
      /^2 points · .* · 1\.11 km$/,
    );
  });
  it('measures along longitude with the latitude factor', () => {
    const m = lineLengthM([117, 60, 117.01, 60]);
    assert.ok(Math.abs(m - 556.6) < 1, `${m} m: half of a degree-hundredth at 60°`);
  });
});

describe('contextAround', () => {
  it('keeps the lines and points near the geometry only', () => {
    const ctx = {
      lines: [
        [117.001, 39.001, 117.5, 39.5],
        [118, 40, 118.1, 40.1],
      ],
      points: [[117.002, 39.0] as const, [117.3, 39.3] as const],
    };
    const near = contextAround({ kind: 'point', lon: 117, lat: 39 }, ctx);
    assert.equal(near.lines.length, 1);
    assert.deepEqual(near.points, [[117.002, 39.0]]);
  });
});
