import { runPrepared } from "./client.server";
import { jsonParameter } from "./json-insert";

/** The parameter of a batched statement: named lists of rows, which concurrent calls concatenate. */
export type RowLists = Record<string, unknown[]>;

type Pending = { rows: RowLists; resolve: () => void; reject: (error: unknown) => void };

/**
 * Group commit for one constant statement whose only parameter is a jsonb object of row lists
 * (see json-insert.ts). Calls made while `maxInFlight` statements are running wait and then run
 * together, as ONE statement and one transaction: under load, the round trips, the statement
 * start-up and the commit are shared; an idle server runs each call at once.
 * A batch that fails is run again call by call, so that each call gets its own outcome and one
 * bad record never loses the others. See docs/decisions/013-hot-path-sql.md.
 */
export function groupCommit(name: string, text: string, options: { maxBatch: number; maxInFlight: number }) {
  const waiting: Pending[] = [];
  let inFlight = 0;

  const run = (rows: RowLists) => runPrepared(name, text, [jsonParameter(rows)]);

  async function flush(batch: Pending[]): Promise<void> {
    try {
      if (batch.length === 1) {
        await run(batch[0].rows);
        batch[0].resolve();
        return;
      }
      await run(mergeRowLists(batch.map((pending) => pending.rows)));
      for (const pending of batch) pending.resolve();
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error);
        return;
      }
      for (const pending of batch) {
        try {
          await run(pending.rows);
          pending.resolve();
        } catch (own) {
          pending.reject(own);
        }
      }
    }
  }

  function next(): void {
    while (inFlight < options.maxInFlight && waiting.length > 0) {
      const batch = waiting.splice(0, options.maxBatch);
      inFlight++;
      void flush(batch).finally(() => {
        inFlight--;
        next();
      });
    }
  }

  return function submit(rows: RowLists): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      waiting.push({ rows, resolve, reject });
      next();
    });
  };
}

/** One row list per name, the calls' lists concatenated in order. */
export function mergeRowLists(all: RowLists[]): RowLists {
  const merged: RowLists = {};
  for (const rows of all) {
    for (const [name, list] of Object.entries(rows)) {
      const target = merged[name] ?? [];
      target.push(...list);
      merged[name] = target;
    }
  }
  return merged;
}
