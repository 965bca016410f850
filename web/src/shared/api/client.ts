// Fetch wrapper for /api: bearer token, Accept-Language (the console's language), JSON bodies, ApiError from the
// error envelope, 401 → logout, SSE URLs, and request(): calls typed by the endpoint map (endpoints.ts).
import type { ErrorDetail } from '@hearth/contracts/common';
import { getToken, setToken } from '../session.ts';
import { getLang } from '../i18n.ts';
import {
  resolveEndpoint,
  responseIssues,
  type Endpoint,
  type PathParams,
  type ResponseOf,
} from './endpoints.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  constructor(status: number, code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** Builds `?a=1&b=x`, skipping empty values. */
export function toQueryString(params: QueryParams = {}): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: QueryParams;
  /** JSON-serialised unless it is a string/Blob (sent as-is with `contentType`). */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

async function toApiError(res: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await res.json();
  } catch {
    // non-JSON error body
  }
  const err = isRecord(payload) && isRecord(payload.error) ? payload.error : null;
  const code = err && typeof err.code === 'string' ? err.code : `http.${res.status}`;
  const message =
    err && typeof err.message === 'string' ? err.message : `${res.status} ${res.statusText || '请求失败'}`;
  const details = err && Array.isArray(err.details) ? (err.details as ErrorDetail[]) : [];
  return new ApiError(res.status, code, message, details);
}

/** Low-level request returning the raw Response (after error handling). */
export async function apiFetch(path: string, opts: RequestOptions = {}): Promise<Response> {
  // the server answers error messages in this one language
  const headers: Record<string, string> = { 'Accept-Language': getLang() === 'en' ? 'en' : 'zh-CN' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    if (typeof opts.body === 'string' || opts.body instanceof Blob) {
      body = opts.body;
      headers['Content-Type'] = opts.contentType ?? 'text/plain';
    } else {
      body = JSON.stringify(opts.body);
      headers['Content-Type'] = 'application/json';
    }
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}${toQueryString(opts.query)}`, {
      method: opts.method ?? 'GET',
      headers,
      body,
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    const message = getLang() === 'en' ? 'cannot reach the server' : '无法连接服务器';
    throw new ApiError(0, 'network', message);
  }
  if (!res.ok) {
    const error = await toApiError(res);
    if (res.status === 401 && !path.startsWith('/auth/login') && token) setToken(null);
    throw error;
  }
  return res;
}

async function json(res: Response): Promise<unknown> {
  if (res.status === 204) return undefined;
  const text = await res.text();
  return text ? JSON.parse(text) : undefined;
}

type EndpointOptions<E extends Endpoint> = Omit<RequestOptions, 'method'> &
  (keyof PathParams<E> extends never ? { params?: undefined } : { params: PathParams<E> });

/**
 * A call to one of the contracts' endpoints (`'GET /devices'`, `'POST /devices/:id/rotate'` with
 * `params: { id }`): the answer is typed by the endpoint's zod schema, and checked against it in development
 * builds (a mismatch is an ApiError `response.invalid`, so drift between server and contracts shows at once).
 */
export async function request<E extends Endpoint>(
  endpoint: E,
  ...[opts]: keyof PathParams<E> extends never ? [EndpointOptions<E>?] : [EndpointOptions<E>]
): Promise<ResponseOf<E>> {
  const { params, ...rest } = (opts ?? {}) as RequestOptions & { params?: Record<string, string | number> };
  const [method, path] = resolveEndpoint(endpoint, params);
  const body = await json(await apiFetch(path, { ...rest, method }));
  if (import.meta.env.DEV) {
    const issues = responseIssues(endpoint, body);
    if (issues.length > 0) {
      console.error(`${endpoint}: the answer does not match its contract`, issues, body);
      throw new ApiError(0, 'response.invalid', `${endpoint}: ${issues.slice(0, 3).join('; ')}`);
    }
  }
  return body as ResponseOf<E>;
}

/** URL of a server-sent-events endpoint; EventSource cannot send headers, so the token goes in the query. */
export function streamUrl(path: string, query: QueryParams = {}): string {
  return `/api${path}${toQueryString({ ...query, access_token: getToken() })}`;
}

/** Fetches a file with the bearer header and hands it to the browser as a download. */
export async function downloadFile(path: string, query: QueryParams, fallbackName: string): Promise<void> {
  const res = await apiFetch(path, { query });
  const blob = await res.blob();
  const cd = res.headers.get('Content-Disposition') ?? '';
  // the UTF-8 name (RFC 5987 `filename*`) before the ASCII fallback `filename`
  const match = /filename\*=UTF-8''([^";]+)/i.exec(cd) ?? /filename="?([^";]+)"?/i.exec(cd);
  const name = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
