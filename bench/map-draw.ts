// The overview map at scale: the map payloads' size (raw and gzip, and what the former object form would weigh) and
// the time a real browser (Debian's Chromium via playwright-core, as in e2e/) takes from navigation to the map's
// first ECharts 'finished' event (the card's data-map-drawn-ms), against an app serving the built console.
// Called by seed.bench.ts; needs a built console (HEARTH_WEB_DIR or web/dist) and Chromium, else it says why not.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { NetworkMap } from '@hearth/contracts/stats';
import { buildApp } from '../server/src/app.ts';
import type { Container } from '../server/src/container.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB_DIR = process.env.HEARTH_WEB_DIR || path.join(ROOT, 'web/dist');
const CHROMIUM = process.env.HEARTH_CHROMIUM ?? '/usr/bin/chromium';

export type MapDrawResult = {
  payload: { path: string; bytes: number; gzipBytes: number; objectFormBytes?: number }[];
  /** ms from navigation to the first drawn map, one per run (the first with a cold cache) */
  drawMs: number[];
  /** ms from the map's data set on the chart to its first 'finished' event (the drawing alone), per run */
  paintMs: number[];
  skipped?: string;
};

/** The map layer as it was before the compact form (objects, full-precision coordinates as stored): its JSON size. */
function objectFormBytes(map: NetworkMap): number {
  return Buffer.byteLength(
    JSON.stringify({
      bbox: map.bbox,
      heatSources: map.heatSources.map(([id, name, type, capacityMw, lon, lat]) => ({
        id,
        name,
        type,
        capacityMw,
        lon,
        lat,
      })),
      stations: map.stations.map(([id, name, capacityMw, lon, lat]) => ({ id, name, capacityMw, lon, lat })),
      pipes: map.pipes.map(([id, diameterMm, flat]) => ({
        id,
        diameterMm,
        coordinates: flat.flatMap((v, i) => (i % 2 === 0 ? [[v, flat[i + 1] ?? 0]] : [])),
      })),
    }),
  );
}

const fmt = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 ** 2).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} kB`;

export async function measureMapDraw(opts: {
  container: Container;
  /** a supervisor's bearer token */
  token: string;
  runs?: number;
}): Promise<MapDrawResult> {
  const app = await buildApp(opts.container, { webDir: WEB_DIR });
  const payload: MapDrawResult['payload'] = [];
  for (const url of ['/api/map/network', '/api/map/network-assets']) {
    const r = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${opts.token}` } });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode}`);
    const raw = r.rawPayload;
    payload.push({
      path: url,
      bytes: raw.length,
      gzipBytes: gzipSync(raw).length,
      ...(url === '/api/map/network' ? { objectFormBytes: objectFormBytes(r.json<NetworkMap>()) } : {}),
    });
  }
  const skip = !fs.existsSync(path.join(WEB_DIR, 'index.html'))
    ? `no built console in ${WEB_DIR}`
    : !fs.existsSync(CHROMIUM)
      ? `no Chromium at ${CHROMIUM}`
      : undefined;
  if (skip) {
    await app.close();
    return { payload, drawMs: [], paintMs: [], skipped: skip };
  }
  const { chromium } = await import('playwright-core');
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const drawMs: number[] = [];
  const paintMs: number[] = [];
  try {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    await context.addInitScript((token) => localStorage.setItem('hearth.token', token), opts.token);
    for (let i = 0; i < (opts.runs ?? 3); i++) {
      const page = await context.newPage();
      await page.goto(`${base}/`);
      const drawn = page.locator('[data-testid="network-map-canvas"][data-map-drawn-ms]');
      await drawn.waitFor({ timeout: 120_000 });
      const at = Number(await drawn.getAttribute('data-map-drawn-ms'));
      drawMs.push(at);
      paintMs.push(at - Number(await drawn.getAttribute('data-map-data-ms')));
      await page.close();
    }
  } finally {
    await browser.close();
    await app.close();
  }
  return { payload, drawMs, paintMs };
}

/** Prints the result the way seed.bench.ts prints its other figures. */
export function printMapDraw(scale: string, r: MapDrawResult): void {
  console.log(`== overview map at ${scale} scale`);
  for (const p of r.payload)
    console.log(
      `${`GET ${p.path} payload`.padEnd(40)} ${fmt(p.bytes).padStart(9)}  gzip ${fmt(p.gzipBytes).padStart(9)}${
        p.objectFormBytes ? `  (object form ${fmt(p.objectFormBytes)})` : ''
      }`,
    );
  if (r.skipped) return void console.log(`map draw in a browser: skipped (${r.skipped})`);
  const [cold, ...warm] = r.drawMs;
  console.log(
    `map drawn in Chromium (navigation → ECharts finished, 1920×1080): cold ${cold ?? '—'} ms, then ${warm.join(', ') || '—'} ms`,
  );
  console.log(`  of which drawing (data set on the chart → finished): ${r.paintMs.join(', ')} ms`);
}
