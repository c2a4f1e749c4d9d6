/**
 * Where the renderer lives. The app is served from a privileged custom scheme rather than
 * `file://`, so it has a real origin: CSP 'self', fetch and the sender check all key on it, and
 * a page from anywhere else (a navigation we failed to stop, an injected frame) never matches.
 */
export const APP_SCHEME = 'mooring';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for URLs on our exact origin. Node's URL parser reports `origin === 'null'` for
 * schemes it does not know, so the parts are compared one by one instead.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}
