const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "just now", "5 minutes ago", "yesterday": how long ago an ISO time was. */
export function timeAgo(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Number.isNaN(seconds)) return 'at an unknown time';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

/**
 * The subscription list's age line: "Listed from Azure 2 hours ago · last refresh failed for
 * 3 tenants". The time is that of the last refresh that listed something, so a refresh that
 * failed says so here rather than leaving the old list to look current.
 */
export function listedAgeText(
  refreshedAt: string | null,
  problems: readonly { readonly tenantId: string }[],
  now: number = Date.now(),
): string {
  const age = refreshedAt
    ? `Listed from Azure ${timeAgo(refreshedAt, now)}`
    : 'Not listed from Azure yet';
  const failed = new Set(problems.map((problem) => problem.tenantId.toLowerCase())).size;
  if (failed === 0) return age;
  return `${age} · last refresh failed for ${failed.toLocaleString()} ${failed === 1 ? 'tenant' : 'tenants'}`;
}
