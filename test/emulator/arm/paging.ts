import type { EmulatorContext } from '../core/context';
import type { EmulatorRequest } from '../core/request';
import { json, type Reply } from '../core/reply';

/** One page of a list, with an absolute `nextLink` (carrying `$skiptoken`) while more items remain, as ARM pages. */
export function pagedList(
  ctx: EmulatorContext,
  request: EmulatorRequest,
  items: readonly unknown[],
): Reply {
  const pageSize = ctx.world.settings.pageSize;
  const token = request.url.searchParams.get('$skiptoken');
  const offset = token
    ? Number.parseInt(Buffer.from(token, 'base64url').toString('utf8'), 10) || 0
    : 0;
  const page = items.slice(offset, offset + pageSize);
  const body: Record<string, unknown> = { value: page };
  if (offset + pageSize < items.length) {
    const next = new URL(`${ctx.baseUrl}${request.path}`);
    for (const [key, value] of request.url.searchParams)
      if (key !== '$skiptoken') next.searchParams.append(key, value);
    next.searchParams.set(
      '$skiptoken',
      Buffer.from(String(offset + pageSize)).toString('base64url'),
    );
    body['nextLink'] = next.toString();
  }
  return json(200, body);
}
