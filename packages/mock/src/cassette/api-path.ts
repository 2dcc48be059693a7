import { API_BASE_PATH } from '../http/app.js';

/**
 * How a cassette names a request's path: under the API's base URL (`/conversations/…`).
 * Under `baseUrl`'s path when one is given, else after the URL's `/api/v1` (the service's
 * and the mock's). The base is read once; the returned function runs per request, for
 * recording and for replaying alike.
 */
export function apiPathOf(baseUrl: string | undefined): (url: URL) => string {
  const base = baseUrl === undefined ? undefined : new URL(baseUrl).pathname.replace(/\/+$/, '');
  return (url) => {
    if (base !== undefined && url.pathname.startsWith(base)) {
      return url.pathname.slice(base.length) || '/';
    }
    const at = url.pathname.indexOf(`${API_BASE_PATH}/`);
    return at === -1 ? url.pathname : url.pathname.slice(at + API_BASE_PATH.length);
  };
}
