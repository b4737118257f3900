import { getTableColumns, getTableName, type Table } from "drizzle-orm";

// Hot paths (recording a passage) insert several tables in one statement whose text never changes:
// the rows travel as ONE jsonb parameter and PostgreSQL unpacks them with jsonb_populate_record(set).
// A constant text is built once, can be a prepared statement, and costs no query building per call.
// See docs/decisions/013-hot-path-sql.md.

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * `insert into <table> (<columns>) select <columns> from jsonb_populate_recordset(null::<table>, <source>)`
 * for the given schema properties (the source is a jsonb array); the other columns take their defaults.
 */
export function jsonInsertSql<T extends Table>(
  table: T,
  properties: Array<keyof T["_"]["columns"] & string>,
  source: string,
): string {
  const columns = getTableColumns(table);
  const names = properties.map((property) => quote(columns[property].name)).join(", ");
  const tableName = quote(getTableName(table));
  return `insert into ${tableName} (${names}) select ${names} from jsonb_populate_recordset(null::${tableName}, ${source})`;
}

/** A row keyed by column names (what jsonb_populate_record reads) from one keyed by schema properties. */
export function columnRecord<T extends Table>(
  table: T,
  values: Partial<Record<keyof T["_"]["columns"] & string, unknown>>,
): Record<string, unknown> {
  const columns = getTableColumns(table);
  const row: Record<string, unknown> = {};
  for (const [property, value] of Object.entries(values))
    row[columns[property].name] = value instanceof Date ? value.toISOString() : value;
  return row;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The jsonb parameter's text. PostgreSQL refuses a lone UTF-16 surrogate in json; the text drivers
 * used to send it as U+FFFD, which is what it becomes here too.
 */
export function jsonParameter(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === "string" ? item.replace(LONE_SURROGATE, "\uFFFD") : item,
  );
}
