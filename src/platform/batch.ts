/**
 * Group commit for a hot write. A call made while no batch is in flight runs at once, alone; calls made while one is
 * in flight wait and go together in the next batch (at most `max`), so that N concurrent writes cost one statement,
 * one round trip and one commit instead of N. `run` gets the items in arrival order and returns one result per item,
 * in the same order. A batch that throws is retried item by item, so one bad item fails alone and the others still
 * land (the statement is all-or-nothing, so nothing of the failed batch was kept).
 */
export function batched<T, R>(run: (items: T[]) => Promise<R[]>, opts: { max?: number } = {}): (item: T) => Promise<R> {
  const max = opts.max ?? 64;
  const queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  let flying = false;
  const settle = async (batch: typeof queue) => {
    let results: R[];
    try {
      results = await run(batch.map((b) => b.item));
    } catch (e) {
      if (batch.length === 1) batch[0].reject(e);
      else await Promise.all(batch.map((b) => run([b.item]).then(([r]) => b.resolve(r), b.reject)));
      return;
    }
    // A miscount is a bug in `run`, not in an item: the batch may have been written, so it is not run again.
    const miscount = results.length === batch.length ? undefined : new Error(`batched: ${results.length} results for ${batch.length} items`);
    batch.forEach((b, i) => (miscount ? b.reject(miscount) : b.resolve(results[i])));
  };
  const flush = () => {
    if (flying || !queue.length) return;
    flying = true;
    void settle(queue.splice(0, max)).finally(() => {
      flying = false;
      flush();
    });
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      flush();
    });
}

// ── A batch row, declared once ────────────────────────────────────────────────────────────────────────────
// A batched statement reads its items from one JSON array (batch_items and jsonb_to_record, or jsonb_to_recordset),
// so each item's fields are named three times: the TypeScript type of an item, the column definition list that
// turns the JSON back into a row, and the columns the statement inserts. One declaration drives all three.

/** The SQL types a batch row's field may have; ` null` marks one that may be null. */
export type SqlBaseType = 'int' | 'bigint' | 'text' | 'boolean' | 'date' | 'timestamptz' | 'jsonb' | 'text[]' | 'bigint[]';
export type SqlType = SqlBaseType | `${SqlBaseType} null`;
type TsOf<B> = B extends 'int' | 'bigint'
  ? number
  : B extends 'text' | 'date' | 'timestamptz'
    ? string
    : B extends 'boolean'
      ? boolean
      : B extends 'text[]'
        ? string[]
        : B extends 'bigint[]'
          ? number[]
          : unknown;
type FieldOf<T> = T extends `${infer B} null` ? TsOf<B> | null : TsOf<T>;
/** The TypeScript shape of a row declared with `batchRow`. */
export type RowOf<C extends Record<string, SqlType>> = { -readonly [K in keyof C]: FieldOf<C[K]> };

export interface BatchRow<C extends Record<string, SqlType>> {
  readonly fields: C;
  /** `alias(name type, ...)`: the column definition list of jsonb_to_record(set); `withIndex` adds `i int` first. */
  record(alias: string, withIndex?: boolean): string;
  /** The table columns the fields go into (snake_case of the field names), comma-separated, in declaration order. */
  columns(only?: readonly (keyof C & string)[]): string;
  /** The fields as `alias.field`, comma-separated, in the order of `columns` (the values of an INSERT … SELECT). */
  values(alias: string, only?: readonly (keyof C & string)[]): string;
  /** Only the type: `typeof row.type` (never read at run time). */
  readonly type: RowOf<C>;
}

const ident = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`);
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Declares the fields of a batch row once, with their SQL types (e.g. `{ id: 'bigint', note: 'text null' }`), for
 * its type (`typeof row.type`), its column definition list (`row.record('q', true)`) and its INSERT (`row.columns()`
 * and `row.values('q')`).
 */
export function batchRow<const C extends Record<string, SqlType>>(fields: C): BatchRow<C> {
  const names = Object.keys(fields) as (keyof C & string)[];
  const base = (t: SqlType) => t.replace(/ null$/, '');
  return {
    fields,
    record: (alias, withIndex = false) => `${alias}(${[...(withIndex ? ['i int'] : []), ...names.map((n) => `${ident(n)} ${base(fields[n])}`)].join(', ')})`,
    columns: (only = names) => only.map((n) => ident(snake(n))).join(', '),
    values: (alias, only = names) => only.map((n) => `${alias}.${ident(n)}`).join(', '),
    type: undefined as unknown as RowOf<C>,
  };
}
