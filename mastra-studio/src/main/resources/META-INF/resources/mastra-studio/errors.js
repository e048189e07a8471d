// Problems shown in the page (never only in the console): one alert region, one message per kind of failure.
import { $ } from './dom.js';

/** An API answer other than 2xx. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }
}

/** The server could not be reached at all (fetch itself failed). */
export class NetworkError extends Error {
  constructor(cause) {
    super('The server cannot be reached. Check that it is running and try again.');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

/** The message a person should read for an error. */
export function describe(error) {
  if (error instanceof NetworkError) return error.message;
  if (error instanceof ApiError) {
    switch (error.status) {
      case 401: return 'Your session has ended or your token is not valid. Sign in again.';
      case 403: return 'You do not have access to this (403 Forbidden).' + detail(error);
      case 404: return 'Not found (404).' + detail(error);
      case 429: return 'Too many requests right now (429). Wait a moment and try again.';
      default:
        return (error.status >= 500 ? 'The server had a problem (' : 'The request failed (') + error.status + ').' + detail(error);
    }
  }
  return 'Something went wrong: ' + (error && error.message ? error.message : String(error));
}

function detail(error) {
  return error.message ? ' ' + error.message : '';
}

/** Shows an error (or a plain message) in the page's alert region. */
export function showError(error) {
  if (error instanceof ApiError && error.status === 401) return; // the sign-in panel says it
  const box = $('alert');
  box.textContent = typeof error === 'string' ? error : describe(error);
  box.dataset.kind = error instanceof ApiError ? String(error.status) : error instanceof NetworkError ? 'network' : 'other';
  box.hidden = false;
}

export function clearError() {
  const box = $('alert');
  box.textContent = '';
  box.hidden = true;
}
