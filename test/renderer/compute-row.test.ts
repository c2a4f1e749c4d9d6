// A failed compute's provisioning errors, rendered to markup in plain Node: a toggle reveals the
// full text of every error, not just the first two lines of the first two.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ComputeRow, ProvisioningErrorList } from '../../renderer/src/inventory/ComputeRow';
import { compute, workspace } from './inventory-fixtures';

const LONG_MESSAGE =
  'The cluster /subscriptions/ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-gpu could not be reached by the extension; check that the Azure Machine Learning extension is installed and healthy, then attach again.';
const errors = [
  { code: 'ClusterUnreachable', message: LONG_MESSAGE },
  { code: 'ExtensionMissing', message: 'The Azure Machine Learning extension is not installed.' },
  { code: 'IdentityNotReady', message: 'The managed identity has no role on the workspace yet.' },
];
const failed = compute(workspace('ws-ml'), 'gpu', {
  provisioningState: 'Failed',
  provisioningErrors: errors,
});

/** The opening tag of the element with this data-testid (plain Node has no DOM to query). */
const tagOf = (markup: string, testId: string): string | undefined =>
  new RegExp(`<[a-z]+\\b[^>]*data-testid="${testId}"[^>]*>`).exec(markup)?.[0];
const textOf = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('a failed compute row', () => {
  it('offers a collapsed "Show details" toggle naming the compute', () => {
    const markup = renderToStaticMarkup(
      createElement(ComputeRow, { compute: failed, highlighted: false, now: Date.now() }),
    );
    const toggle = tagOf(markup, 'compute-error-details-toggle');
    expect(toggle).toMatch(/^<button\b/);
    expect(toggle).toContain('aria-expanded="false"');
    expect(toggle).toContain('aria-label="Show details of the provisioning errors of gpu"');
  });

  it('offers no toggle when nothing failed', () => {
    const markup = renderToStaticMarkup(
      createElement(ComputeRow, {
        compute: compute(workspace('ws-ml'), 'cpu'),
        highlighted: false,
        now: Date.now(),
      }),
    );
    expect(tagOf(markup, 'compute-error-details-toggle')).toBeUndefined();
  });

  it('details every error in full, code and message, beyond the two the row shows', () => {
    const markup = renderToStaticMarkup(createElement(ProvisioningErrorList, { errors }));
    const items = markup.split('data-testid="compute-error-detail"').slice(1).map(textOf);
    expect(items).toHaveLength(3);
    errors.forEach((error, index) => {
      expect(items[index]).toContain(error.code);
      expect(items[index]).toContain(error.message);
    });
    // Reachable by the keyboard, to scroll and select.
    expect(tagOf(markup, 'compute-error-details')).toContain('tabindex="0"');
  });
});
