// Out-of-range marks of the monitoring table: operating bands first, the catalogue's plausible range otherwise.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { outOfRange, rangeOf } from './ranges.ts';

describe('outOfRange', () => {
  it('marks a value outside the operating band of a key metric, with the band', () => {
    assert.deepEqual(rangeOf('secondaryReturnPressure'), [0.05, 0.8]);
    assert.deepEqual(outOfRange('secondaryReturnPressure', 0.02), [0.05, 0.8]);
    assert.deepEqual(outOfRange('secondarySupplyTemp', 99), [30, 95]);
    assert.equal(outOfRange('secondarySupplyTemp', 70), null);
    assert.equal(outOfRange('secondarySupplyTemp', 95), null, 'the bounds are inside');
  });

  it('falls back to the plausible range, and leaves missing values alone', () => {
    assert.deepEqual(rangeOf('flow'), [0, 10_000]);
    assert.equal(outOfRange('flow', 120), null);
    assert.deepEqual(outOfRange('flow', -1), [0, 10_000]);
    assert.equal(outOfRange('flow', undefined), null);
  });
});
