// The optional forecast provider in the Open-Meteo format: `hourly.time` (local wall times of `timezone`, offset
// `utc_offset_seconds`) + `hourly.temperature_2m`, optionally `daily.time` + `temperature_2m_min/max`; fetched with a
// timeout, a bad answer is a clear error (the stored forecast stays as it was).
import { DomainError } from '../../http/domain-error.ts';
import { utcOffsetMs } from '../../lib/time-zone.ts';

export type MeteoHour = { ms: number; temp: number | null };
export type MeteoDay = { ms: number; date: string; min: number; max: number };
export type MeteoError = { line: number; column: string; message: string };
export type MeteoForecast = { hourly: MeteoHour[]; daily: MeteoDay[]; errors: MeteoError[] };

/** the answer's size this adapter reads at most */
const MAX_BYTES = 4 * 1024 * 1024;
const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;

const badAnswer = (reason: string) =>
  new DomainError(
    'weather.provider_invalid',
    502,
    `气象预报接口返回的数据无效 / the forecast provider answered something unusable: ${reason}`,
  );

/** Epoch ms of a wall time under a fixed offset; null when it is not one. */
function wallMs(text: unknown, offsetMs: number): number | null {
  const m = typeof text === 'string' ? WALL.exec(text) : null;
  if (!m) return null;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number) as number[];
  const wall = Date.UTC(y as number, (mo as number) - 1, d, h, mi);
  if (new Date(wall).getUTCDate() !== d) return null;
  return wall - offsetMs;
}

const numberOrNull = (v: unknown): number | null | undefined =>
  v === null ? null : typeof v === 'number' && Number.isFinite(v) && v > -70 && v < 60 ? v : undefined;

/** The offset the answer's wall times are in: `utc_offset_seconds`, else its `timezone`, else the city's. */
function offsetOf(o: Record<string, unknown>, cityTimeZone: string): number {
  if (typeof o.utc_offset_seconds === 'number') return o.utc_offset_seconds * 1000;
  if (typeof o.timezone === 'string') {
    try {
      return utcOffsetMs(o.timezone);
    } catch {
      throw badAnswer(`unknown timezone ${o.timezone}`);
    }
  }
  return utcOffsetMs(cityTimeZone);
}

/** Reads an Open-Meteo answer; item errors carry `line` = the 1-based index in its array. */
export function parseOpenMeteo(body: unknown, cityTimeZone: string): MeteoForecast {
  if (typeof body !== 'object' || body === null) throw badAnswer('not a JSON object');
  const o = body as Record<string, unknown>;
  const hourly = o.hourly as Record<string, unknown> | undefined;
  if (!hourly || !Array.isArray(hourly.time) || !Array.isArray(hourly.temperature_2m))
    throw badAnswer('hourly.time / hourly.temperature_2m missing');
  if (hourly.time.length !== hourly.temperature_2m.length)
    throw badAnswer('hourly.time and hourly.temperature_2m differ in length');
  const temps: unknown[] = hourly.temperature_2m;
  const offset = offsetOf(o, cityTimeZone);
  const out: MeteoForecast = { hourly: [], daily: [], errors: [] };
  hourly.time.forEach((t, i) => {
    const ms = wallMs(t, offset);
    const temp = numberOrNull(temps[i]);
    if (ms === null)
      out.errors.push({ line: i + 1, column: 'time', message: `时间无效 / bad time ${JSON.stringify(t)}` });
    else if (temp === undefined)
      out.errors.push({ line: i + 1, column: 'temperature_2m', message: '气温无效 / bad temperature' });
    else out.hourly.push({ ms, temp });
  });
  const daily = o.daily as Record<string, unknown> | undefined;
  if (daily && Array.isArray(daily.time)) {
    const mins = Array.isArray(daily.temperature_2m_min) ? daily.temperature_2m_min : [];
    const maxs = Array.isArray(daily.temperature_2m_max) ? daily.temperature_2m_max : [];
    daily.time.forEach((t, i) => {
      const ms = wallMs(t, offset);
      const [min, max] = [numberOrNull(mins[i]), numberOrNull(maxs[i])];
      if (ms !== null && typeof min === 'number' && typeof max === 'number' && min <= max)
        out.daily.push({ ms, date: String(t).slice(0, 10), min, max });
    });
  }
  if (out.hourly.length === 0) throw badAnswer('no usable hourly temperature');
  return out;
}

/** GETs the provider's answer as JSON within `timeoutMs`; network errors, timeouts and non-2xx are DomainErrors. */
export async function fetchOpenMeteo(url: string, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json' },
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new DomainError(
        'weather.provider_timeout',
        504,
        `气象预报接口 ${timeoutMs / 1000} 秒内未应答 / the forecast provider did not answer within ${timeoutMs / 1000} s`,
      );
    throw new DomainError(
      'weather.provider_unreachable',
      502,
      `无法连接气象预报接口 / cannot reach the forecast provider: ${(error as Error).message}`,
    );
  }
  if (!response.ok) throw badAnswer(`HTTP ${response.status}`);
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new DomainError(
        'weather.provider_timeout',
        504,
        `气象预报接口 ${timeoutMs / 1000} 秒内未应答 / the forecast provider did not answer within ${timeoutMs / 1000} s`,
      );
    throw badAnswer((error as Error).message);
  }
  if (text.length > MAX_BYTES) throw badAnswer('answer too large');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badAnswer('not JSON');
  }
}
