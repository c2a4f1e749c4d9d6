/** The one toaster of the app window, for short confirmations that need no action. */
export const APP_TOASTER_ID = 'mooring-toaster';
