import { createTestApp } from '../../test-support/test-app.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
const t = await createTestApp({ demo: true });
const c = t.container;
let n = 0;
for await (const s of c.registry.exportItems(SYSTEM_ACTOR, 'stations', { page: 1, pageSize: 1 })) { if (n++ < 2) console.log(s); }
console.log('stations', n);
n = 0;
for await (const s of c.registry.exportItems(SYSTEM_ACTOR, 'communities', { page: 1, pageSize: 1 })) { if (n++ < 1) console.log(s); }
console.log('communities', n);
n = 0;
for await (const s of c.registry.exportItems(SYSTEM_ACTOR, 'buildings', { page: 1, pageSize: 1 })) { if (n++ < 1) console.log(s); }
console.log('buildings', n);
n = 0; let t0 = performance.now();
const ids: number[] = [];
for await (const s of c.registry.exportItems(SYSTEM_ACTOR, 'households', { page: 1, pageSize: 1 })) { if (n++ < 1) console.log(s); ids.push(Number(s.id)); }
console.log('households', n, performance.now() - t0);
t0 = performance.now();
for (const id of ids.slice(0, 500)) await c.devices.create(SYSTEM_ACTOR, { householdId: id, name: 'sim' });
console.log('500 creates seq ms', performance.now() - t0);
t0 = performance.now();
const q = ids.slice(500, 1000);
await Promise.all(Array.from({ length: 8 }, async () => { for (;;) { const id = q.pop(); if (id === undefined) return; await c.devices.create(SYSTEM_ACTOR, { householdId: id, name: 'sim' }); } }));
console.log('500 creates x8 ms', performance.now() - t0);
await t.close();
