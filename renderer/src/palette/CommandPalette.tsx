import {
  Caption1,
  Dialog,
  DialogSurface,
  Input,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { Search20Regular } from '@fluentui/react-icons';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useAzureStores, useOverlays } from '../state/azure-stores';
import { runPaletteItem, searchPalette } from './palette-items';
import type { PaletteItem } from './palette-items';
import { usePaletteSources } from './use-palette-sources';

const useStyles = makeStyles({
  surface: {
    width: '640px',
    maxWidth: 'calc(100vw - 48px)',
    padding: 0,
    alignSelf: 'flex-start',
    marginTop: '12vh',
    overflow: 'hidden',
  },
  input: { width: '100%', borderRadius: 0, border: 'none', padding: tokens.spacingVerticalS },
  results: {
    maxHeight: '52vh',
    overflowY: 'auto',
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: `${tokens.spacingVerticalXS} 0`,
  },
  heading: {
    display: 'block',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalXXS}`,
    color: tokens.colorNeutralForeground3,
    fontWeight: tokens.fontWeightSemibold,
  },
  option: {
    display: 'flex',
    flexDirection: 'column',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    cursor: 'pointer',
  },
  active: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}`,
  },
  detail: {
    color: tokens.colorNeutralForeground3,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  none: { display: 'block', padding: tokens.spacingVerticalL, textAlign: 'center' },
  blocked: { color: tokens.colorNeutralForegroundDisabled },
});

/**
 * Where focus was when the palette opened, to put it back when the palette is dismissed (Escape,
 * Ctrl+K, a click outside). Opened from the header button, Fluent's restore-focus target does the
 * same; opened with Ctrl+K from anywhere else, only this knows where the user was.
 */
function useFocusReturn(open: boolean) {
  const overlays = useAzureStores().overlays;
  const openedFrom = useRef<HTMLElement | null>(null);
  const restoreOnClose = useRef(false);
  // Noted as the store opens the palette, before React draws it and its search box takes focus.
  useEffect(
    () =>
      overlays.subscribe((state, previous) => {
        if (!state.paletteOpen || previous.paletteOpen) return;
        const active = document.activeElement;
        openedFrom.current =
          active instanceof HTMLElement && active !== document.body ? active : null;
        restoreOnClose.current = false;
      }),
    [overlays],
  );
  useEffect(() => {
    if (open || !restoreOnClose.current) return;
    restoreOnClose.current = false;
    const target = openedFrom.current;
    openedFrom.current = null;
    if (target?.isConnected) target.focus();
  }, [open]);
  /** Call as the palette is dismissed; running an item leaves focus to what the item does. */
  return useCallback(() => {
    restoreOnClose.current = true;
  }, []);
}

/** Ctrl+K (Cmd+K on a Mac) opens or closes the palette from anywhere in the window. */
function usePaletteShortcut(onDismiss: () => void) {
  const openPalette = useOverlays((state) => state.openPalette);
  const closePalette = useOverlays((state) => state.closePalette);
  const open = useOverlays((state) => state.paletteOpen);
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      if (event.key.toLowerCase() !== 'k') return;
      event.preventDefault();
      if (open) {
        onDismiss();
        closePalette();
      } else openPalette();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open, openPalette, closePalette, onDismiss]);
}

function PaletteBody() {
  const styles = useStyles();
  const sources = usePaletteSources();
  const [query, setQuery] = useState('');
  const [activeIndex, setActiveIndex] = useState(0);
  const listboxId = useId();
  const optionIdPrefix = useId();
  const resultsRef = useRef<HTMLDivElement>(null);

  const matches = useMemo(() => searchPalette(sources, query), [sources, query]);
  const flat = useMemo<PaletteItem[]>(() => matches.flatMap((match) => match.items), [matches]);
  const active = Math.min(activeIndex, Math.max(0, flat.length - 1));
  const optionId = (index: number) => `${optionIdPrefix}-${index}`;

  // Keep the active option in view as the arrows move it through a long list.
  useEffect(() => {
    resultsRef.current
      ?.querySelector('[role="option"][aria-selected="true"]')
      ?.scrollIntoView({ block: 'nearest' });
  }, [active, flat]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (flat.length === 0) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActiveIndex((active + step + flat.length) % flat.length);
    } else if (event.key === 'Home' && event.ctrlKey) {
      setActiveIndex(0);
    } else if (event.key === 'End' && event.ctrlKey) {
      setActiveIndex(flat.length - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      runPaletteItem(flat[active]);
    }
  };

  let index = 0;
  return (
    <>
      <Input
        className={styles.input}
        appearance="underline"
        size="large"
        contentBefore={<Search20Regular />}
        value={query}
        onChange={(_event, data) => {
          setQuery(data.value);
          setActiveIndex(0);
        }}
        onKeyDown={onKeyDown}
        placeholder="Type a subscription, workspace, compute, area or action"
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls={listboxId}
        aria-autocomplete="list"
        aria-activedescendant={flat.length > 0 ? optionId(active) : undefined}
        aria-label="Search subscriptions, workspaces, computes, areas and actions"
        data-testid="palette-input"
      />
      <div
        ref={resultsRef}
        id={listboxId}
        role="listbox"
        aria-label="Results"
        className={styles.results}
        data-testid="palette-results"
      >
        {flat.length === 0 && (
          <Text className={styles.none} data-testid="palette-no-results">
            Nothing matches “{query.trim()}”.
          </Text>
        )}
        {matches.map((match) => {
          const headingId = `${listboxId}-${match.source.id}`;
          return (
            <div key={match.source.id} role="group" aria-labelledby={headingId}>
              <Caption1 id={headingId} className={styles.heading} role="presentation">
                {match.source.heading}
              </Caption1>
              {match.items.map((item) => {
                const itemIndex = index++;
                return (
                  <div
                    key={item.id}
                    id={optionId(itemIndex)}
                    role="option"
                    aria-selected={itemIndex === active}
                    className={mergeClasses(styles.option, itemIndex === active && styles.active)}
                    onMouseMove={() => {
                      if (itemIndex !== active) setActiveIndex(itemIndex);
                    }}
                    // Keep focus in the search box while clicking.
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => runPaletteItem(item)}
                    aria-disabled={item.blocked ? true : undefined}
                    title={item.blocked}
                    data-testid="palette-option"
                    data-item-id={item.id}
                    data-offline={item.blocked ? 'blocked' : undefined}
                  >
                    <Text className={mergeClasses(item.blocked && styles.blocked)}>
                      {item.title}
                    </Text>
                    {item.blocked ? (
                      <Caption1 className={styles.detail} data-testid="palette-option-blocked">
                        {item.blocked}
                      </Caption1>
                    ) : (
                      item.detail && <Caption1 className={styles.detail}>{item.detail}</Caption1>
                    )}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </>
  );
}

/**
 * Jump to any subscription, workspace, compute or area, or run an action, by typing part of its
 * name or id.
 */
export function CommandPalette() {
  const styles = useStyles();
  const open = useOverlays((state) => state.paletteOpen);
  const closePalette = useOverlays((state) => state.closePalette);
  const dismissed = useFocusReturn(open);
  usePaletteShortcut(dismissed);

  return (
    <Dialog
      open={open}
      onOpenChange={(_event, data) => {
        if (data.open) return;
        dismissed();
        closePalette();
      }}
    >
      <DialogSurface
        className={styles.surface}
        aria-label="Command palette"
        data-testid="command-palette"
      >
        {open && <PaletteBody />}
      </DialogSurface>
    </Dialog>
  );
}
