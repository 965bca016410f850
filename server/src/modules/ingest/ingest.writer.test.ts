// The group-commit writer: callers answered after their transaction, groups formed from concurrent callers,
// failures reaching every caller of the failed group, close waiting for what was written.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  KIND_CODE,
  copyBatch,
  packReadings,
  rowTs,
  rowValues,
  setTime,
  startRow,
  type ReadingBatch,
} from '../telemetry/reading-batch.ts';
import type { TelemetryStore } from '../telemetry/telemetry.store.ts';
import { createTelemetryWriter } from './ingest.writer.ts';

/** A store that records each transaction and lets the test decide when it commits. */
function fakeStore() {
  const transactions: { batch: ReadingBatch; commit: () => void; fail: (e: Error) => void }[] = [];
  const waiting: (() => void)[] = [];
  const store = {
    insertBatch(batch: ReadingBatch) {
      // a copy: the real store may take the buffer to another thread
      const copy = copyBatch(batch);
      return new Promise<Uint8Array>((resolve, reject) => {
        transactions.push({
          batch: copy,
          // the second of two equal ts in one transaction is a duplicate
          commit: () => {
            const seen = new Set<number>();
            const flags = new Uint8Array(copy.count);
            for (let r = 0; r < copy.count; r++) {
              const ts = rowTs(copy.data, r);
              flags[r] = seen.has(ts) ? 0 : 1;
              seen.add(ts);
            }
            resolve(flags);
          },
          fail: reject,
        });
        for (const w of waiting.splice(0)) w();
      });
    },
  } as unknown as TelemetryStore;
  const next = async (n: number) => {
    while (transactions.length < n) await new Promise<void>((r) => waiting.push(r));
    return transactions[n - 1] as (typeof transactions)[number];
  };
  return { store, transactions, next };
}

const rows = (...ts: number[]) =>
  packReadings(
    ts.map((t) => ({ kind: 'station', targetId: 1, deviceId: 1, ts: t, receivedAt: t, values: [t] })),
  );

describe('telemetry writer', () => {
  it('puts concurrent callers into one transaction and answers each after its commit', async () => {
    const { store, transactions, next } = fakeStore();
    const writer = createTelemetryWriter(store);
    let answered = 0;
    const a = writer.submit(rows(1, 2)).then((f) => (answered++, f));
    const b = writer.submit(rows(3, 3)).then((f) => (answered++, f));
    const tx = await next(1);
    assert.equal(tx.batch.count, 4, 'one group');
    assert.deepEqual(rowValues(tx.batch, 2)[0], 3);
    await new Promise((r) => setImmediate(r));
    assert.equal(answered, 0, 'nobody is answered before the commit');
    tx.commit();
    assert.deepEqual([...(await a)], [1, 1]);
    assert.deepEqual([...(await b)], [1, 0], 'flags are sliced per caller');
    assert.equal(transactions.length, 1);
  });

  it('lets a fill write fewer rows than it reserved, and none', async () => {
    const { store, next } = fakeStore();
    const writer = createTelemetryWriter(store);
    const written = writer.write(3, (data, at) => {
      startRow(data, at, KIND_CODE.household, 1, 1, 42);
      setTime(data, at, 42);
      return 1;
    });
    assert.deepEqual([...(await writer.write(2, () => 0))], []);
    (await next(1)).commit();
    assert.deepEqual([...(await written)], [1]);
    assert.throws(() => writer.write(1, () => 2), RangeError);
  });

  it('pipelines a second transaction only once it is big enough, and keeps commit order', async () => {
    const { store, transactions, next } = fakeStore();
    const writer = createTelemetryWriter(store, { pipelineRows: 3, maxInFlight: 2 });
    const first = writer.submit(rows(1));
    const tx1 = await next(1);
    const small = writer.submit(rows(2));
    await new Promise((r) => setImmediate(r));
    assert.equal(transactions.length, 1, 'one row waits for the running transaction');
    const more = writer.submit(rows(3, 4));
    const tx2 = await next(2);
    assert.equal(tx2.batch.count, 3, 'three rows are worth a second transaction');
    tx1.commit();
    tx2.commit();
    await Promise.all([first, small, more]);
  });

  it('closes groups at maxBatchRows', async () => {
    const { store, next } = fakeStore();
    const writer = createTelemetryWriter(store, { maxBatchRows: 2, maxInFlight: 1 });
    const all = [writer.submit(rows(1, 2)), writer.submit(rows(3)), writer.submit(rows(4))];
    const tx1 = await next(1);
    assert.equal(tx1.batch.count, 2);
    tx1.commit();
    const tx2 = await next(2);
    assert.equal(tx2.batch.count, 2);
    tx2.commit();
    await Promise.all(all);
  });

  it('fails every caller of a failed transaction, and goes on with the next', async () => {
    const { store, next } = fakeStore();
    const writer = createTelemetryWriter(store);
    const a = writer.submit(rows(1));
    const b = writer.submit(rows(2));
    (await next(1)).fail(new Error('disk full'));
    await assert.rejects(a, /disk full/);
    await assert.rejects(b, /disk full/);
    const c = writer.submit(rows(3));
    (await next(2)).commit();
    assert.deepEqual([...(await c)], [1]);
  });

  it('close waits for written rows and then refuses new ones', async () => {
    const { store, next } = fakeStore();
    const writer = createTelemetryWriter(store);
    const a = writer.submit(rows(1));
    let closed = false;
    const closing = writer.close().then(() => (closed = true));
    const transaction = await next(1);
    await new Promise((r) => setImmediate(r));
    assert.equal(closed, false, 'close waits while a transaction is open');
    transaction.commit();
    await a;
    await closing;
    assert.equal(closed, true);
    await assert.rejects(writer.submit(rows(2)), /closed/);
  });
});
