/**
 * The renderer's Content-Security-Policy, as the protocol handler sends it in a response header
 * (which the page cannot drop). renderer/index.html carries the same policy in a meta tag, less
 * the directives a meta tag cannot carry (a test keeps the two equal).
 */
const directives = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
];

/** Chromium ignores these in a meta tag (and says so in the console); only the header has them. */
const HEADER_ONLY_DIRECTIVES = ['frame-ancestors'];

export const CONTENT_SECURITY_POLICY = directives.join('; ');

export const META_CONTENT_SECURITY_POLICY = directives
  .filter((directive) => !HEADER_ONLY_DIRECTIVES.includes(directive.split(' ')[0] ?? ''))
  .join('; ');
