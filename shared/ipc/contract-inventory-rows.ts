import { z } from 'zod';
import {
  RowPosition,
  RowPositionQuery,
  RowsPage,
  RowsQuery,
  TableDensity,
  TableView,
} from '../domain/inventory-rows';
import { operation } from './contract-kit';
import { NoInput } from './no-input';

/** The inventory table's windowed reads: the renderer asks for what it shows. */
export const inventoryRowsOperations = {
  'inventory.rows': operation({
    summary:
      'A window of computes of the selected subscriptions, sorted, filtered and searched, with counts per filter value (local record).',
    input: RowsQuery,
    output: RowsPage,
  }),
  'inventory.position': operation({
    summary:
      'Where a compute stands under a sort, filter and search, so the table can scroll to a row it has not drawn.',
    input: RowPositionQuery,
    output: RowPosition,
  }),
  'inventory.getTableView': operation({
    summary: "The inventory table's view settings (its row density), stored like every setting.",
    input: NoInput,
    output: TableView,
  }),
  'inventory.setDensity': operation({
    summary: "Store the inventory table's row density; answers the view settings.",
    input: z.object({ density: TableDensity }).strict(),
    output: TableView,
  }),
} as const;
