import type { ArmAnswer, ArmReader } from '../preflight/arm-reader';
import { AUTHORIZATION_API_VERSION } from './role-catalog';

const MAX_PAGES = 50;

export type PagedRead =
  | { readonly ok: true; readonly items: readonly unknown[] }
  | { readonly ok: false; readonly answer: ArmAnswer | null; readonly reason: string };

/**
 * Every page of an ARM list. `path` is built from parsed ids; a `nextLink` is followed only when
 * it stays on the same path (its query carries the skip token), so a page can never send the
 * token elsewhere or wander to another list.
 */
export async function readAllPages(
  arm: ArmReader,
  path: string,
  query: Readonly<Record<string, string>> = {},
): Promise<PagedRead> {
  const items: unknown[] = [];
  let pageQuery: Record<string, string> = { ...query };
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await arm.send({
      method: 'GET',
      path,
      apiVersion: AUTHORIZATION_API_VERSION,
      query: pageQuery,
    });
    if (answer.status !== 200) return { ok: false, answer, reason: 'Azure refused the list.' };
    const body = answer.body as { value?: unknown; nextLink?: unknown } | null;
    if (!body || !Array.isArray(body.value)) {
      return { ok: false, answer, reason: 'Azure answered a list Mooring could not read.' };
    }
    items.push(...(body.value as unknown[]));
    if (typeof body.nextLink !== 'string' || body.nextLink === '') return { ok: true, items };
    const next = new URL(body.nextLink, 'https://arm.invalid');
    if (
      decodeURIComponent(next.pathname).toLowerCase() !== decodeURIComponent(path).toLowerCase()
    ) {
      return {
        ok: false,
        answer: null,
        reason: 'Azure answered a next page elsewhere; it was not followed.',
      };
    }
    pageQuery = Object.fromEntries([...next.searchParams].filter(([key]) => key !== 'api-version'));
  }
  return { ok: false, answer: null, reason: 'Azure kept answering more pages.' };
}
