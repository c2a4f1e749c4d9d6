import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../electron/security/app-origin';
import { checkSender } from '../../electron/security/sender-check';

const good = {
  url: 'mooring://app/index.html',
  isTopLevel: true,
  isOurWindowMainFrame: true,
};

describe('checkSender', () => {
  it("trusts our window's main frame on mooring://app", () => {
    expect(checkSender(good)).toEqual({ trusted: true });
    expect(checkSender({ ...good, url: 'mooring://app/#/computes?x=1' })).toEqual({
      trusted: true,
    });
  });

  it('refuses a missing frame', () => {
    expect(checkSender(null).trusted).toBe(false);
    expect(checkSender(undefined).trusted).toBe(false);
  });

  it('refuses a sub-frame, even on our origin', () => {
    expect(checkSender({ ...good, isTopLevel: false })).toMatchObject({
      trusted: false,
      reason: 'the sender is a sub-frame',
    });
  });

  it("refuses a frame that is not our window's main frame", () => {
    expect(checkSender({ ...good, isOurWindowMainFrame: false }).trusted).toBe(false);
  });

  it.each([
    'https://evil.com/',
    'https://app/',
    'file:///work/out/renderer/index.html',
    'mooring://evil/index.html',
    'mooring://app.evil.com/index.html',
    'mooring://user@app/index.html',
    'about:blank',
    'not a url',
  ])('refuses a document from %s', (url) => {
    expect(checkSender({ ...good, url })).toMatchObject({ trusted: false });
  });
});

describe('isAppUrl', () => {
  it('accepts only the exact app origin', () => {
    expect(isAppUrl('mooring://app/')).toBe(true);
    expect(isAppUrl('mooring://app/assets/x.js')).toBe(true);
    expect(isAppUrl('mooring://apps/')).toBe(false);
    expect(isAppUrl('mooringx://app/')).toBe(false);
  });
});
