// "Copy as curl" for the last request, with the token replaced by a placeholder (it is never copied or shown).
import { lastRequest } from './api.js';

/** Quotes a value for a POSIX shell. */
function shellQuote(value) {
  return "'" + String(value).replace(/'/g, "'\\''") + "'";
}

/** The last request as a curl command, or null before the first request. */
export function lastRequestAsCurl() {
  const request = lastRequest();
  if (!request) return null;
  const parts = ['curl'];
  if (request.method !== 'GET') parts.push('-X', request.method);
  parts.push(shellQuote(request.url));
  if (request.authorized) parts.push('-H', '"Authorization: Bearer $MASTRA_TOKEN"');
  if (request.body !== undefined) {
    parts.push('-H', shellQuote('Content-Type: application/json'), '-d', shellQuote(request.body));
  }
  return parts.join(' ');
}

/** Copies the command to the clipboard when the browser allows it; returns the command either way. */
export async function copyLastRequest() {
  const command = lastRequestAsCurl();
  if (command && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(command);
    } catch {
      // shown in the page anyway
    }
  }
  return command;
}
