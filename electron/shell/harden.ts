import { isPermissionGranted } from '../security/permissions';
import type { Session, WebContents } from 'electron';
import type { Logger } from '../logging/logger';
import { decideNavigation } from '../security/navigation';
import type { ExternalOpener } from '../security/external-urls';
import { openExternalIfAllowed } from '../security/external-urls';

export interface HardeningOptions {
  readonly openExternal: ExternalOpener;
  readonly logger: Logger;
}

const hardened = new WeakSet<WebContents>();

/**
 * Locks one WebContents to our origin: no navigation elsewhere, no redirects elsewhere, no new
 * windows (allowlisted https links go to the system browser instead), no <webview>. Applied to
 * our window and, through `web-contents-created`, to any WebContents that ever appears.
 */
export function hardenWebContents(contents: WebContents, options: HardeningOptions): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  const { logger } = options;
  const openOutside = (url: string) =>
    openExternalIfAllowed(url, options.openExternal, (error) =>
      logger.warn('The system browser could not open a link', error),
    );

  contents.on('will-navigate', (event) => {
    const decision = decideNavigation(event.url, { inApp: true });
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (decision.action === 'open-externally') openOutside(decision.url);
    else logger.warn('Blocked a navigation away from Mooring', { url: event.url });
  });

  // Sub-frames (none are expected: the CSP allows no frames) may not navigate anywhere but us.
  // The main frame is left to 'will-navigate' above, which also opens allowlisted links outside.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return;
    if (decideNavigation(event.url, { inApp: true }).action !== 'allow') event.preventDefault();
  });

  contents.on('will-redirect', (event) => {
    if (decideNavigation(event.url, { inApp: true }).action === 'allow') return;
    event.preventDefault();
    logger.warn('Blocked a redirect away from Mooring', { url: event.url });
  });

  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideNavigation(url, { inApp: false });
    if (decision.action === 'open-externally') openOutside(decision.url);
    else logger.warn('Blocked a new window', { url });
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('Blocked a <webview>');
  });
}

/**
 * Mooring needs no browser permission (camera, notifications through the web API, geolocation,
 * clipboard reads, HID...) but writing text to the clipboard from its own page: every other
 * request and check is answered "no".
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details.requestingUrl ?? contents.getURL())),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
}
