import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** What the tests report of one violation: enough to find and fix it. */
export interface AxeFinding {
  readonly id: string;
  readonly impact: string | null | undefined;
  readonly help: string;
  readonly targets: readonly string[];
  /** The first offending element's markup and axe's account of what is wrong with it. */
  readonly example: string;
}

type AxeWindow = Window & { axe?: typeof axe };

/** Findings a transition in progress can cause: believed only once the page has settled. */
const TRANSIENT_FINDINGS = new Set(['color-contrast', 'aria-hidden-focus']);

/**
 * Runs axe-core over the page as it is now (or over one dialog, with `within`) and answers its
 * serious and critical violations. The script goes in through the DevTools protocol, which the
 * page's Content Security Policy does not govern, so the app's CSP stays as strict as shipped.
 */
export async function seriousAxeViolations(page: Page, within?: string): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => (window as AxeWindow).axe !== undefined);
  if (!loaded) await page.evaluate(axe.source);
  // A control that changes state while axe runs (a section finishing its load enables its buttons)
  // starts a colour transition after the wait below: a contrast finding is believed only when it
  // is still there once the page has settled again. The same for aria-hidden-focus: while a dialog
  // opens or closes, Fluent hides the rest of the page for a moment as focus moves. Three looks at
  // most; other findings count at once, and a finding still there on the third look counts.
  let findings: AxeFinding[] = [];
  for (let look = 0; look < 3; look += 1) {
    await settledTransitions(page);
    findings = await runAxe(page, within);
    if (!findings.some((finding) => TRANSIENT_FINDINGS.has(finding.id))) return findings;
  }
  return findings;
}

/** Waits for every running CSS transition to end (two frames first, so new ones have started). */
async function settledTransitions(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
  // Colours are read once every running transition has ended: a button enabled a moment ago
  // still reports its disabled colours until the browser advances its transition, even a short one.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation instanceof CSSTransition)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
}

function runAxe(page: Page, within: string | undefined): Promise<AxeFinding[]> {
  return page.evaluate(async (selector) => {
    const runner = (window as AxeWindow).axe;
    if (!runner) throw new Error('axe-core did not load into the page');
    const root = selector ? (document.querySelector(selector) ?? document) : document;
    // Tabster's focus guards (Fluent UI's focus trapping) are aria-hidden and focusable on
    // purpose: they hand focus on and never keep it.
    const context = {
      include: [root],
      exclude: [['[data-tabster-dummy]']],
    } as unknown as Parameters<typeof runner.run>[0];
    const result = await runner.run(context, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
        example: `${violation.nodes[0]?.html ?? ''} — ${violation.nodes[0]?.failureSummary ?? ''}`,
      }));
  }, within ?? null);
}
