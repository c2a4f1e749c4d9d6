// Renderer logic, tested in plain Node (see scope-model.test.ts for why it lives here).
import { tabStopOf } from '../../renderer/src/inventory/row-keys';
import { describe, expect, it } from 'vitest';
import {
  COMPUTE_ROW_HEIGHT,
  ERROR_LINE_HEIGHT,
  LINES_PER_ERROR,
  MAX_ERRORS_SHOWN,
  NO_COMPUTES_HEIGHT,
  SUBSCRIPTION_HEADER_HEIGHT,
  WORKSPACE_GAP,
  WORKSPACE_HEADER_HEIGHT,
  computeRowHeight,
  idsToExpand,
  layoutInventory,
  positionOf,
} from '../../renderer/src/inventory/inventory-layout';
import { groupInventory, NO_FILTER } from '../../renderer/src/inventory/inventory-model';
import { compute, PRODUCTION, RESEARCH, snapshotOf, workspace } from './inventory-fixtures';

const fraud = workspace('mlw-fraud');
const vision = workspace('mlw-vision', { subscriptionId: RESEARCH });
const computes = [compute(fraud, 'a'), compute(fraud, 'b'), compute(vision, 'gpu')];
const snapshot = snapshotOf([fraud, vision], computes);
const groups = groupInventory(snapshot, NO_FILTER);

describe('the inventory list layout', () => {
  it('draws a heading per subscription and a block per workspace, as tall as its computes', () => {
    const items = layoutInventory(groups, new Set());

    expect(items.map((item) => [item.kind, item.height])).toEqual([
      ['subscription', SUBSCRIPTION_HEADER_HEIGHT],
      ['workspace', WORKSPACE_HEADER_HEIGHT + 2 * COMPUTE_ROW_HEIGHT + WORKSPACE_GAP],
      ['subscription', SUBSCRIPTION_HEADER_HEIGHT],
      ['workspace', WORKSPACE_HEADER_HEIGHT + COMPUTE_ROW_HEIGHT + WORKSPACE_GAP],
    ]);
  });

  it('hides the workspaces of a collapsed subscription and the computes of a collapsed workspace', () => {
    const items = layoutInventory(groups, new Set([RESEARCH, fraud.id]));

    expect(items.map((item) => [item.kind, item.collapsed, item.height])).toEqual([
      ['subscription', false, SUBSCRIPTION_HEADER_HEIGHT],
      ['workspace', true, WORKSPACE_HEADER_HEIGHT + WORKSPACE_GAP],
      ['subscription', true, SUBSCRIPTION_HEADER_HEIGHT],
    ]);
  });

  it('keeps a line for a workspace without computes', () => {
    const empty = workspace('mlw-empty');
    const items = layoutInventory(groupInventory(snapshotOf([empty], []), NO_FILTER), new Set());

    expect(items[1]?.height).toBe(WORKSPACE_HEADER_HEIGHT + NO_COMPUTES_HEIGHT + WORKSPACE_GAP);
  });

  it('makes room for the errors of a failed compute, at most a few and a count of the rest', () => {
    const error = { code: 'ExtensionNotFound', message: 'Install the Azure ML extension.' };
    const failedWith = (count: number) =>
      compute(fraud, 'x', {
        provisioningState: 'Failed',
        provisioningErrors: Array.from({ length: count }, () => error),
      });

    expect(computeRowHeight(failedWith(1))).toBe(
      COMPUTE_ROW_HEIGHT + LINES_PER_ERROR * ERROR_LINE_HEIGHT,
    );
    expect(computeRowHeight(failedWith(9))).toBe(
      COMPUTE_ROW_HEIGHT + (MAX_ERRORS_SHOWN * LINES_PER_ERROR + 1) * ERROR_LINE_HEIGHT,
    );
    const succeededWithStaleErrors = { ...failedWith(2), provisioningState: 'Succeeded' };
    expect(computeRowHeight(succeededWithStaleErrors)).toBe(COMPUTE_ROW_HEIGHT);
  });

  it('finds where a compute is drawn inside its workspace block', () => {
    const items = layoutInventory(groups, new Set());

    expect(positionOf(items, { kind: 'compute', id: computes[1]!.id })).toEqual({
      index: 1,
      offsetInItem: WORKSPACE_HEADER_HEIGHT + COMPUTE_ROW_HEIGHT,
      height: COMPUTE_ROW_HEIGHT,
    });
    expect(positionOf(items, { kind: 'workspace', id: vision.id })).toMatchObject({ index: 3 });
    expect(
      positionOf(layoutInventory(groups, new Set([fraud.id])), {
        kind: 'compute',
        id: computes[0]!.id,
      }),
    ).toBeNull();
  });

  it('says what to expand to show a compute: its subscription and its workspace', () => {
    expect(idsToExpand(snapshot, { kind: 'compute', id: computes[2]!.id })).toEqual([
      RESEARCH,
      vision.id,
    ]);
    expect(idsToExpand(snapshot, { kind: 'workspace', id: fraud.id })).toEqual([PRODUCTION]);
    expect(idsToExpand(snapshot, { kind: 'compute', id: `${fraud.id}/computes/gone` })).toBeNull();
  });
});

describe('keyboard reach of the inventory rows', () => {
  it('makes one drawn row the tab stop: the last focused while drawn, else the first', () => {
    expect(tabStopOf(['ws-1', 'c-1', 'c-2'], null)).toBe('ws-1');
    expect(tabStopOf(['ws-1', 'c-1', 'c-2'], 'c-2')).toBe('c-2');
    expect(tabStopOf(['ws-9', 'c-9'], 'c-2')).toBe('ws-9');
    expect(tabStopOf([], 'c-2')).toBeNull();
  });
});
