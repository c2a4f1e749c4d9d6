import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { openInSystemBrowser, scriptedConfirmer, terminalConfirmer } from './system-stand-ins';
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

describe("the browser host's stand-in for the native confirmation dialog", () => {
  const request = {
    title: 'Change how Mooring connects to Azure?',
    change: 'Proxy: the system’s proxy settings → no proxy',
    consequence: 'Mooring will connect to Azure directly.',
    confirmLabel: 'Change',
  };

  it('asks in the terminal that started the host, and only "y" accepts', async () => {
    for (const [reply, accepted] of [
      ['y', true],
      ['yes', true],
      ['', false],
      ['n', false],
      ['sure', false],
    ] as const) {
      const input = Object.assign(new PassThrough(), { isTTY: true });
      const output = new PassThrough();
      let shown = '';
      output.on('data', (chunk: Buffer) => {
        shown += chunk.toString();
      });
      const answer = terminalConfirmer(recordingLogger(), { input, output }).confirm(request);
      await vi.waitFor(() => expect(shown).toContain('Change? [y/N]'));
      input.write(`${reply}\n`);
      await expect(answer).resolves.toBe(accepted);
      expect(shown).toContain(request.change);
      expect(shown).toContain(request.consequence);
    }
  });

  it('says no, and says why in the log, without a terminal to ask in', async () => {
    const logger = recordingLogger();
    const input = Object.assign(new PassThrough(), { isTTY: false });
    await expect(
      terminalConfirmer(logger, { input, output: new PassThrough() }).confirm(request),
    ).resolves.toBe(false);
    expect(logger.lines.join('\n')).toContain('Not confirmed (no terminal to ask in)');
  });

  it('can be scripted by tests, keeping every question', async () => {
    const confirmer = scriptedConfirmer((asked) => asked.change.includes('no proxy'));
    await expect(confirmer.confirm(request)).resolves.toBe(true);
    await expect(confirmer.confirm({ ...request, change: 'Cloud: A → B' })).resolves.toBe(false);
    expect(confirmer.asked).toHaveLength(2);
  });
});
