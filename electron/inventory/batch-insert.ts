import type { Database, Statement } from 'better-sqlite3';

/** SQLite's bound on the parameters of one statement (SQLITE_MAX_VARIABLE_NUMBER, 3.32 on). */
export const SQLITE_MAX_PARAMETERS = 32766;

/** One table's multi-row INSERT: the statement's head and one row's parenthesised values. */
export interface InsertShape {
  /** `INSERT INTO t (a, b) VALUES`: everything before the rows. */
  readonly head: string;
  /** `(lower(?), ?)`: one row, every value a parameter (or an expression of parameters). */
  readonly row: string;
  /** How many parameters `row` holds. */
  readonly parameters: number;
}

/** Rows queued for one table, written many to a statement, in the order they were queued. */
export interface InsertBatch {
  /** Queues one row: as many values as the shape's row has parameters, in its order. */
  add(values: readonly unknown[]): void;
  /** Writes every queued row (a full chunk is written as soon as it is queued). */
  flush(): void;
}

/** Prepares, once each, the multi-row statements one table's batches use. */
export interface BatchInserter {
  /** Rows per full statement. */
  readonly chunkRows: number;
  /**
   * A new, empty batch. `before` is flushed before each write of this one: rows here that
   * reference rows queued there (a foreign key) never reach the table first.
   */
  batch(before?: InsertBatch): InsertBatch;
}

/**
 * Multi-row INSERTs for one table: one statement per `chunkRows` rows, and a remainder written
 * as its binary digits (13 rows: 8, 4 and 1), so at most log2(chunkRows) + 1 statements are ever
 * prepared however many distinct counts a refresh meets. A statement per row costs a call into
 * SQLite per row; 50,000 of them were most of a first refresh's write.
 */
export function createBatchInserter(
  db: Database,
  shape: InsertShape,
  chunkRows: number,
): BatchInserter {
  if (!Number.isInteger(Math.log2(chunkRows)) || chunkRows < 1) {
    throw new Error(`A batch's rows per statement must be a power of two, not ${chunkRows}.`);
  }
  if (chunkRows * shape.parameters > SQLITE_MAX_PARAMETERS) {
    throw new Error(
      `${chunkRows} rows of ${shape.parameters} parameters exceed SQLite's ${SQLITE_MAX_PARAMETERS}.`,
    );
  }
  const statements = new Map<number, Statement<unknown[]>>();
  // The SQL is the shape's own text, its row repeated: every value is still a bound parameter.
  const statementFor = (rows: number): Statement<unknown[]> => {
    let statement = statements.get(rows);
    if (!statement) {
      statement = db.prepare<unknown[]>(
        `${shape.head} ${Array.from({ length: rows }, () => shape.row).join(', ')}`,
      );
      statements.set(rows, statement);
    }
    return statement;
  };
  return {
    chunkRows,
    batch(before) {
      let pending: unknown[] = [];
      const write = () => {
        before?.flush();
        let rows = pending.length / shape.parameters;
        let offset = 0;
        for (let size = chunkRows; rows > 0; size /= 2) {
          if (rows < size) continue;
          const end = offset + size * shape.parameters;
          // A whole chunk is bound as it stands; a remainder's parts are sliced from it.
          statementFor(size).run(
            size === rows && offset === 0 ? pending : pending.slice(offset, end),
          );
          offset = end;
          rows -= size;
        }
        pending = [];
      };
      return {
        add(values) {
          if (values.length !== shape.parameters) {
            throw new Error(`A row needs ${shape.parameters} values, not ${values.length}.`);
          }
          pending.push(...values);
          if (pending.length === chunkRows * shape.parameters) write();
        },
        flush() {
          if (pending.length > 0) write();
        },
      };
    },
  };
}
