import { ContractError, type ErrorCode } from './errors';
import { METHOD_NAMES } from './method-names';
import type { ContractClient, MethodName } from './methods';
import type { ChangeSource } from './state';

/** The contract over HTTP: POST {API_PREFIX}{method} with the input as JSON. */
export const API_PREFIX = '/api/v1/';
export const EVENTS_PATH = '/api/v1/events';
export const LOGIN_PATH = '/api/v1/login';
export const SOURCE_HEADER = 'x-turnout-source';
export const SESSION_COOKIE = 'turnout_session';

export function methodPath(method: MethodName): string {
  return `${API_PREFIX}${method}`;
}

/** The part of fetch this client needs, so shared/ stays free of DOM and Node types. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; credentials?: 'same-origin' },
) => Promise<{ status: number; ok: boolean; text(): Promise<string> }>;

export interface HttpClientOptions {
  baseUrl: string;
  fetch: FetchLike;
  token?: string;
  source?: ChangeSource;
}

/** A typed client of the admin API, used by the CLI and by the browser bridge. */
export function createHttpClient(options: HttpClientOptions): ContractClient {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.source) headers[SOURCE_HEADER] = options.source;
  const base = options.baseUrl.replace(/\/$/, '');
  const client = {} as Record<MethodName, (input: unknown) => Promise<unknown>>;
  for (const method of METHOD_NAMES) {
    client[method] = async (input) => {
      const response = await options.fetch(base + methodPath(method), {
        method: 'POST',
        headers,
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
      });
      const text = await response.text();
      let body: unknown;
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        throw new ContractError('INTERNAL', `admin API answered ${response.status} with non-JSON: ${text.slice(0, 120)}`);
      }
      if (!response.ok) {
        if (ContractError.isErrorBody(body)) throw new ContractError(body.error.code as ErrorCode, body.error.message);
        throw new ContractError('INTERNAL', `admin API answered ${response.status}`);
      }
      return body;
    };
  }
  return client as ContractClient;
}
