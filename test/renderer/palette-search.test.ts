// Renderer logic, tested in plain Node (see scope-model.test.ts for why it lives here).
import { describe, expect, it } from 'vitest';
import { searchPalette } from '../../renderer/src/palette/palette-items';
import type { PaletteItem, PaletteSource } from '../../renderer/src/palette/palette-items';

const item = (title: string, extra: Partial<PaletteItem> = {}): PaletteItem => ({
  id: title,
  title,
  run: () => undefined,
  ...extra,
});

const source = (id: string, items: PaletteItem[], limit = 50): PaletteSource => ({
  id,
  heading: id,
  items,
  limit,
});

const titles = (matches: ReturnType<typeof searchPalette>) =>
  matches.map((match) => [match.source.id, match.items.map((i) => i.title)]);

describe('the command palette search', () => {
  it('matches every typed word against the title, detail and keywords', () => {
    const sources = [
      source('subscriptions', [
        item('Contoso ML Production', {
          detail: 'Contoso Ltd · ade2bc8c-c23b-5a54-bf0e-be3b4b13f9a0',
        }),
        item('Fabrikam Research', { keywords: 'ops@fabrikam.com' }),
      ]),
    ];

    expect(titles(searchPalette(sources, 'ade2bc8c'))).toEqual([
      ['subscriptions', ['Contoso ML Production']],
    ]);
    expect(titles(searchPalette(sources, 'research ops@'))).toEqual([
      ['subscriptions', ['Fabrikam Research']],
    ]);
    expect(searchPalette(sources, 'research contoso')).toEqual([]);
  });

  it('ranks a title that starts with the word above one that merely contains it', () => {
    const sources = [source('areas', [item('Refresh subscriptions'), item('Subscriptions')])];

    expect(titles(searchPalette(sources, 'subs'))).toEqual([
      ['areas', ['Subscriptions', 'Refresh subscriptions']],
    ]);
  });

  it('keeps sources in their order and lists at most each source’s limit', () => {
    const many = Array.from({ length: 80 }, (_, index) => item(`Sub ${index}`));
    const sources = [source('areas', [item('Settings')]), source('subscriptions', many, 50)];

    const matches = searchPalette(sources, '');
    expect(matches.map((match) => match.source.id)).toEqual(['areas', 'subscriptions']);
    expect(matches[1]?.items).toHaveLength(50);
    expect(searchPalette(sources, 'sub')[0]?.items).toHaveLength(50);
  });
});
