// The slicer gives way once a slice has used its budget, and not before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTurns } from './turns.ts';

const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

test('yields only after the budget is spent, and lets timers run', async () => {
  const turns = createTurns(5);
  await turns.tick();
  assert.equal(turns.yielded, 0, 'within budget');
  let fired = 0;
  const timer = setInterval(() => fired++, 0);
  for (let i = 0; i < 10; i++) {
    spin(6);
    await turns.tick();
  }
  clearInterval(timer);
  assert.equal(turns.yielded, 10);
  assert.ok(fired >= 5, `timers ran between slices (${fired})`);
});
