import type { ErrorBody, FieldIssue } from '@skillcert/shared/api/errors';
import { currentLanguage, i18n } from '@/lib/i18n';

/** A non-2xx answer from the API, carrying the server's `{"error":{"code","message","details"}}`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** Field issues of a `VALIDATION.FAILED` (or any error that carries `details.issues`). */
  get issues(): FieldIssue[] {
    const raw = this.details?.issues;
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((i: unknown) => {
      if (typeof i !== 'object' || i === null) return [];
      const { path, message } = i as Record<string, unknown>;
      return typeof message === 'string' ? [{ path: typeof path === 'string' ? path : '', message }] : [];
    });
  }
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code);
}

type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

function withQuery(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const err = (value as { error: unknown }).error;
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string';
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  if (isErrorBody(body)) {
    const { code, message, details } = body.error;
    return new ApiError(res.status, code, message || i18n.t('errors.http', { status: res.status }), details);
  }
  return new ApiError(res.status, `HTTP.${res.status}`, i18n.t('errors.http', { status: res.status }));
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * The one HTTP client. Same-origin cookies carry the session; every write is JSON
 * (`Content-Type: application/json`, `{}` when there is nothing to send — the server refuses
 * non-JSON writes and an empty JSON body) — part of its CSRF defence.
 */
async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
  let body: string | undefined;
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body ?? {});
  }
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK.ERROR', i18n.t('errors.network'));
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A file the API sends (Excel, zip): its bytes and the name from `Content-Disposition`. */
export interface DownloadedFile {
  blob: Blob;
  filename: string | undefined;
}

function filenameOf(res: Response): string | undefined {
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  return plain?.[1];
}

/** GETs a file; a refusal comes back as the same ApiError as any JSON call. */
async function getFile(path: string, query?: QueryParams): Promise<DownloadedFile> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), { headers: { 'Accept-Language': currentLanguage() }, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK.ERROR', i18n.t('errors.network'));
  }
  if (!res.ok) throw await toApiError(res);
  return { blob: await res.blob(), filename: filenameOf(res) };
}

export const http = {
  file: getFile,
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** A page of a list endpoint (`pageOf(...)` in the shared package). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
