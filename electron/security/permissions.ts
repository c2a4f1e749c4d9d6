import { isAppUrl } from './app-origin';

/**
 * The one browser permission Mooring grants: writing plain text to the clipboard, for our own
 * page only (the Copy buttons beside device codes and resource ids). Reading the clipboard,
 * camera, notifications, geolocation, devices... are all refused.
 */
const GRANTED_TO_OUR_PAGE = new Set(['clipboard-sanitized-write']);

export function isPermissionGranted(
  permission: string,
  requestingUrl: string | undefined,
): boolean {
  return (
    GRANTED_TO_OUR_PAGE.has(permission) && requestingUrl !== undefined && isAppUrl(requestingUrl)
  );
}
