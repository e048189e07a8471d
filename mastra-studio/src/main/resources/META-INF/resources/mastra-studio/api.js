// The API client: every call goes to the server's normal /api routes, relative to the page's own address (so the
// page works under a reverse proxy's path prefix), with the signed-in user's token fetched just before the call.
import { ApiError, NetworkError } from './errors.js';

let auth = { getToken: async () => null, onUnauthorized: () => {} };
let last = null;

/** Where the page lives; API paths resolve against it ("api/agents" under /prefix/ gives /prefix/api/agents). */
export function baseUrl() {
  return new URL('.', location.href);
}

/** Sets how calls get their token ({getToken}) and what a 401 does ({onUnauthorized}). */
export function configure(authentication) {
  auth = authentication;
}

/**
 * The last request that ran or changed something (any method but GET: a chat turn, a tool run, a thread change), as
 * {method, url, body, authorized}; its token is never kept. For "Copy as curl".
 */
export function lastRequest() {
  return last;
}

/**
 * Sends one request and returns the parsed JSON answer (or the Response itself with {raw: true}).
 * Throws ApiError for any non-2xx answer (after telling auth about a 401), NetworkError when the server cannot be
 * reached, and lets an AbortError through.
 */
export async function request(method, path, { body, query, signal, raw } = {}) {
  const url = new URL(path.replace(/^\/+/, ''), baseUrl());
  for (const [key, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
  }
  const headers = { Accept: raw ? 'text/event-stream' : 'application/json' };
  const token = await auth.getToken();
  if (token) headers.Authorization = 'Bearer ' + token;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET') last = { method, url: url.href, body: payload, authorized: Boolean(token) };
  let response;
  try {
    response = await fetch(url, { method, headers, body: payload, signal, credentials: 'omit', cache: 'no-store' });
  } catch (error) {
    if (error && error.name === 'AbortError') throw error;
    throw new NetworkError(error);
  }
  if (!response.ok) {
    let data = null;
    try {
      data = await response.json();
    } catch {
      // not JSON: keep the status alone
    }
    const message = data && typeof data.error === 'string' ? data.error : data && data.error && data.error.message;
    const error = new ApiError(response.status, message || response.statusText || '', data);
    if (response.status === 401) auth.onUnauthorized(error);
    throw error;
  }
  if (raw) return response;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const get = (path, options) => request('GET', path, options);
export const post = (path, body, options = {}) => request('POST', path, { ...options, body });
export const patch = (path, body, options = {}) => request('PATCH', path, { ...options, body });
export const del = (path, options) => request('DELETE', path, options);

/** Encodes one path segment (agent, thread and tool ids). */
export const seg = (value) => encodeURIComponent(value);
