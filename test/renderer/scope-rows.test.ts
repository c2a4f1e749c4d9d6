// The picker's rows rendered to markup in plain Node: what a hidden subscription offers, and the
// names of each row's buttons.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { groupByTenant } from '../../renderer/src/scope/scope-model';
import {
  HIDDEN_HINT,
  SubscriptionRow,
  favouriteLabel,
  hideLabel,
} from '../../renderer/src/scope/SubscriptionRow';
import { tenantCountText } from '../../renderer/src/scope/TenantGroupHeader';
import type { SignInWait } from '../../renderer/src/scope/sign-in-wait';
import { subscription } from './fixtures';

const renderRow = (overrides: Parameters<typeof subscription>[0], wait: SignInWait | null = null) =>
  renderToStaticMarkup(
    createElement(SubscriptionRow, {
      subscription: subscription({ displayName: 'Contoso ML Production', ...overrides }),
      top: 0,
      height: 56,
      highlighted: false,
      wait,
      onChange: () => undefined,
    }),
  );

/** The opening tag of the element with this data-testid (plain Node has no DOM to query). */
const tagOf = (markup: string, testId: string): string => {
  const tag = new RegExp(`<[a-z]+\\b[^>]*data-testid="${testId}"[^>]*>`).exec(markup)?.[0];
  if (!tag) throw new Error(`No element with data-testid="${testId}" in ${markup}`);
  return tag;
};
const has = (tag: string, attribute: string) => new RegExp(`\\s${attribute}(=|\\s|>|/)`).test(tag);
const attr = (tag: string, attribute: string) =>
  new RegExp(`\\s${attribute}="([^"]*)"`).exec(tag)?.[1];

describe('a subscription row', () => {
  it('shows a hidden subscription as neither selected nor selectable, and says why', () => {
    const checkbox = tagOf(renderRow({ selected: true, hidden: true }), 'subscription-select');
    expect(checkbox).toMatch(/^<input\b/);
    expect(has(checkbox, 'checked')).toBe(false);
    expect(has(checkbox, 'disabled')).toBe(true);
    expect(attr(checkbox, 'aria-description')).toBe(HIDDEN_HINT);
  });

  it('keeps a visible selected subscription ticked and selectable', () => {
    const checkbox = tagOf(renderRow({ selected: true, hidden: false }), 'subscription-select');
    expect(has(checkbox, 'checked')).toBe(true);
    expect(has(checkbox, 'disabled')).toBe(false);
  });

  it('names the subscription on its favourite and hide buttons', () => {
    const row = renderRow({ favourite: false, hidden: false });
    expect(attr(tagOf(row, 'subscription-favourite'), 'aria-label')).toBe(
      'Add Contoso ML Production to favourites',
    );
    expect(attr(tagOf(row, 'subscription-hide'), 'aria-label')).toBe('Hide Contoso ML Production');
    expect(favouriteLabel('Contoso ML Production', true)).toBe(
      'Remove Contoso ML Production from favourites',
    );
    expect(hideLabel('Contoso ML Production', true)).toBe('Show Contoso ML Production again');
  });
});

describe('a subscription row, clicked or waiting', () => {
  it("makes the subscription's name the label of its checkbox, so clicking the name toggles it", () => {
    const row = renderRow({ hidden: false });
    const id = attr(tagOf(row, 'subscription-select'), 'id');
    expect(id).toBeTruthy();
    expect(row).toContain(`<label for="${id}"`);
  });

  it('marks a subscription whose tenant needs sign-in, and one newly offered', () => {
    const wait: SignInWait = {
      kind: 'tenant',
      key: 'tenant:a:t',
      accountId: 'a',
      username: 'admin@contoso.com',
      tenantId: 't',
      tenantName: 'Northwind Traders',
      problem: null,
    };
    const row = renderRow({ offered: true }, wait);
    expect(attr(tagOf(row, 'subscription-row'), 'data-needs-sign-in')).toBe('true');
    expect(row).toMatch(/data-testid="subscription-needs-sign-in"[^>]*>Needs sign-in</);
    expect(row).toMatch(/data-testid="subscription-offered"[^>]*>New</);
    expect(attr(tagOf(renderRow({}), 'subscription-row'), 'data-needs-sign-in')).toBe('false');
  });
});

describe("a tenant's heading", () => {
  it('counts the hidden subscriptions it shows apart from the selection', () => {
    const all = [
      subscription({ displayName: 'Old sandbox', hidden: true, selected: true }),
      subscription({ displayName: 'Production', selected: true }),
    ];
    const [shown] = groupByTenant(all, { query: '', showHidden: true });
    const [filtered] = groupByTenant(all, { query: '', showHidden: false });
    expect(shown && tenantCountText(shown)).toBe('1 of 1 selected · 1 hidden');
    expect(filtered && tenantCountText(filtered)).toBe('1 of 1 selected');
  });
});
