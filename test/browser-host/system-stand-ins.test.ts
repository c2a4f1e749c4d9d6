import { describe, expect, it } from 'vitest';
import { openInSystemBrowser } from './system-stand-ins';
import { recordingLogger } from './test-support';

describe("the browser host's sign-in page opener", () => {
  // Records what would be handed to the OS instead of launching a browser.
  const launched: string[] = [];
  const opener = openInSystemBrowser(
    recordingLogger(),
    async () => ['127.0.0.1:5198'],
    async (url) => {
      launched.push(url);
      return !url.includes('no-browser');
    },
  );

  it('refuses anything but an https sign-in page', async () => {
    await expect(opener('http://127.0.0.1:5198/tenant/oauth2/v2.0/authorize')).rejects.toThrow(
      /not a sign-in page/,
    );
    await expect(opener('file:///etc/passwd')).rejects.toThrow(/not a sign-in page/);
    await expect(opener('https://evil.example/')).rejects.toThrow(/not a sign-in page/);
    expect(launched).toEqual([]);
  });

  it("opens the configured cloud's sign-in page", async () => {
    await expect(opener('https://127.0.0.1:5198/tenant/oauth2/v2.0/authorize')).resolves.toEqual({
      opened: true,
    });
    expect(launched).toEqual(['https://127.0.0.1:5198/tenant/oauth2/v2.0/authorize']);
  });

  it('says when no browser could be opened, so the dialog can show the address', async () => {
    await expect(
      opener('https://127.0.0.1:5198/tenant/oauth2/v2.0/authorize?no-browser'),
    ).resolves.toEqual({ opened: false });
  });
});
