import type { EmulatorContext } from '../core/context';
import type { EmulatorRequest } from '../core/request';
import { json, type Reply } from '../core/reply';

/** The offset a skip token stands for (0 when there is none or it is not one of ours). */
export function offsetOfSkipToken(token: string | null | undefined): number {
  return token ? Number.parseInt(Buffer.from(token, 'base64url').toString('utf8'), 10) || 0 : 0;
}

/** The skip token of the page starting at `offset`. */
export function skipTokenAt(offset: number): string {
  return Buffer.from(String(offset)).toString('base64url');
}

/** One page of a list, with an absolute `nextLink` (carrying `$skiptoken`) while more items remain, as ARM pages. */
export function pagedList(
  ctx: EmulatorContext,
  request: EmulatorRequest,
  items: readonly unknown[],
): Reply {
  const pageSize = ctx.world.settings.pageSize;
  const offset = offsetOfSkipToken(request.url.searchParams.get('$skiptoken'));
  const page = items.slice(offset, offset + pageSize);
  const body: Record<string, unknown> = { value: page };
  if (offset + pageSize < items.length) {
    const next = new URL(`${ctx.baseUrl}${request.path}`);
    for (const [key, value] of request.url.searchParams)
      if (key !== '$skiptoken') next.searchParams.append(key, value);
    next.searchParams.set('$skiptoken', skipTokenAt(offset + pageSize));
    body['nextLink'] = next.toString();
  }
  return json(200, body);
}
