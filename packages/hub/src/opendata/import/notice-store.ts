import { randomUUID } from 'node:crypto';
import { DriverException, JsonType, ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager, Knex } from '@mikro-orm/sqlite';
import { onPostgreSql } from '../../db/across-hubs.js';
import { Award } from '../../notices/award.entity.js';
import { Lot } from '../../notices/lot.entity.js';
import { Notice } from '../../notices/notice.entity.js';
import { booleanOf, dateOf, jsonOf, nullableNumberOf, type Row } from '../../shared/row-values.js';

/**
 * The writing side of an import: notices, lots and awards as plain values (property name → value, an id for a
 * relation), read for a batch of source identifiers in three statements and written back in multi-row INSERTs and
 * one UPDATE per changed row (only its changed columns), inside the file's transaction. No entity, no unit of work:
 * at national volumes (a million DECP rows) MikroORM's change tracking cost about 2.6 ms of CPU per row, where
 * these statements cost a few microseconds.
 *
 * Column names and types come from the entities' metadata, so a column added to an entity is written and read here
 * without another list; values are converted as MikroORM would (dates as instants, booleans, JSON as text).
 */
export type Values = Record<string, unknown>;

/** One row as the import sees it: its values, whether it is to be inserted, and the properties it changed. */
export interface RowState {
  values: Values;
  isNew: boolean;
  changed: Set<string>;
}
export interface LotState extends RowState {
  award: RowState | null;
}
export interface NoticeState extends RowState {
  lots: LotState[];
  /** The `sourceHash` the database holds for it (null for a new notice): the hash is written only when it differs. */
  storedHash: string | null;
}

/** What a batch's first lookup reads of a notice it may skip: its record's hash and what time may change. */
export interface StoredNotice {
  sourceHash: string | null;
  status: string;
  submissionDeadline: Date;
}

/**
 * Properties that are the importer's bookkeeping, not the notice's content: a change of them alone is written without
 * a new version or update time, so that no one (webhooks, exports, the site) sees a notice change that did not.
 */
const BOOKKEEPING = new Set(['sourceHash']);

/** Sets the values that differ (dates by instant, JSON by content, a relation by id) and says whether any did. */
export function assign(state: RowState, values: Values): boolean {
  if (state.isNew) {
    // A row to insert is written whole: nothing to compare (JSON values were compared as canonical text).
    Object.assign(state.values, values);
    return true;
  }
  let changed = false;
  for (const [key, value] of Object.entries(values)) {
    if (!sameValue(state.values[key], value)) {
      state.values[key] = value;
      state.changed.add(key);
      changed = true;
    }
  }
  return changed;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a === 'object' || typeof b === 'object') return sameJson(a, b);
  return false;
}

/**
 * Two JSON values equal as stored: objects whatever the order of their keys (PostgreSQL's jsonb gives them back
 * sorted its own way), a key holding `undefined` as absent, `undefined` in an array as null, as `JSON.stringify`
 * writes them. What `canonicalJson(a) === canonicalJson(b)` says, without building two sorted copies and their text
 * for each JSON column of each row a re-import compares (a quarter of the comparison's CPU at 20,000 rows).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  // A value with its own JSON form (a Date inside a JSON column): compared by that form.
  if (typeof (a as { toJSON?: unknown }).toJSON === 'function' || typeof (b as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson(a) === canonicalJson(b);
  }
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i] ?? null, b[i] ?? null)) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  let count = 0;
  for (const key in left) {
    if (left[key] === undefined) continue;
    count++;
    if (!sameJson(left[key], right[key])) return false;
  }
  for (const key in right) if (right[key] !== undefined) count--;
  return count === 0;
}

/**
 * A JSON value as one text whatever the order of its keys: PostgreSQL's jsonb gives objects back with their keys
 * sorted its own way (shortest first), so the text of a stored value and of the same value built by a mapping differ.
 * Keys holding `undefined` are left out, as they are when stored.
 */
export function canonicalJson(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(Object.keys(item).sort().map((key) => [key, (item as Record<string, unknown>)[key]]))
      : item,
  );
}

export interface TableOf {
  meta: EntityMetadata;
  /** Properties stored in this table's own columns (scalars and owning relations), with their column. */
  columns: Array<{ property: string; column: string; prop: EntityProperty }>;
  defaults: Values;
}

/** Rows per INSERT: SQLite takes at most 32,766 parameters a statement (PostgreSQL 65,535). */
const MAX_PARAMETERS = 30_000;
const MAX_ROWS = 500;

export class NoticeStore {
  private readonly notice: TableOf;
  private readonly lot: TableOf;
  private readonly award: TableOf;
  private readonly knex: Knex;
  private readonly pending = { notices: [] as NoticeState[] };

  constructor(private readonly em: EntityManager) {
    const metadata = em.getMetadata();
    this.notice = tableOf(metadata.get(Notice.name), new Notice());
    this.lot = tableOf(metadata.get(Lot.name), new Lot());
    this.award = tableOf(metadata.get(Award.name), new Award());
    this.knex = em.getKnex();
  }

  private run(query: Knex.QueryBuilder | Knex.Raw, method: 'all' | 'run' = 'all'): Promise<Row[]> {
    return runStatement(this.em, query, method);
  }

  /** The notices of these source identifiers (one source system), with their lots (by number) and awards. */
  async load(sourceSystem: string, sourceIds: string[]): Promise<Map<string, NoticeState>> {
    const found = new Map<string, NoticeState>();
    const byId = new Map<string, NoticeState>();
    for (const ids of chunks([...new Set(sourceIds)], MAX_ROWS)) {
      const rows = await this.run(this.selectIn(this.notice, 'source_id', ids, { column: 'source_system', value: sourceSystem }));
      for (const row of rows) {
        const values = valuesOf(this.notice, row);
        const state: NoticeState = { values, isNew: false, changed: new Set(), lots: [], storedHash: (values.sourceHash as string | null) ?? null };
        found.set(state.values.sourceId as string, state);
        byId.set(state.values.id as string, state);
      }
    }
    const lotsById = new Map<string, LotState>();
    for (const ids of chunks([...byId.keys()], MAX_ROWS)) {
      const rows = await this.run(this.selectIn(this.lot, 'notice_id', ids, null, 'notice_id, number'));
      for (const row of rows) {
        const lot: LotState = { values: valuesOf(this.lot, row), isNew: false, changed: new Set(), award: null };
        byId.get(lot.values.notice as string)!.lots.push(lot);
        lotsById.set(lot.values.id as string, lot);
      }
    }
    for (const ids of chunks([...lotsById.keys()], MAX_ROWS)) {
      const rows = await this.run(this.selectIn(this.award, 'lot_id', ids));
      for (const row of rows) {
        const award: RowState = { values: valuesOf(this.award, row), isNew: false, changed: new Set() };
        lotsById.get(award.values.lot as string)!.award = award;
      }
    }
    return found;
  }

  /**
   * What decides whether a record may be skipped, for the notices of these source identifiers (one source system):
   * one light statement a batch, where loading a notice with its lots and awards takes three and their every column.
   */
  async stored(sourceSystem: string, sourceIds: string[]): Promise<Map<string, StoredNotice>> {
    const found = new Map<string, StoredNotice>();
    const light = { ...this.notice, columns: this.notice.columns.filter((c) => ['sourceId', 'sourceHash', 'status', 'submissionDeadline'].includes(c.property)) };
    for (const ids of chunks([...new Set(sourceIds)], MAX_ROWS)) {
      for (const row of await this.run(this.selectIn(light, 'source_id', ids, { column: 'source_system', value: sourceSystem }))) {
        const values = valuesOf(light, row);
        found.set(values.sourceId as string, {
          sourceHash: (values.sourceHash as string | null) ?? null,
          status: values.status as string,
          submissionDeadline: values.submissionDeadline as Date,
        });
      }
    }
    return found;
  }

  /**
   * The rows of a table whose column is one of these values. On SQLite the values go as one JSON array unpacked by
   * `json_each` (the unique and foreign-key indexes still serve the lookup): knex's `whereIn` of 500 placeholders
   * (quoting, binding) cost more of the JavaScript thread than the lookup itself.
   */
  private selectIn(table: TableOf, column: string, values: string[], also: { column: string; value: string } | null = null, orderBy: string | null = null): Knex.Raw {
    const columns = table.columns.map((c) => `"${c.column}"`).join(', ');
    const where = also ? ` and "${also.column}" = ?` : '';
    const order = orderBy ? ` order by ${orderBy}` : '';
    const extra = also ? [also.value] : [];
    if (onPostgreSql(this.em)) {
      return this.knex.raw(`select ${columns} from "${table.meta.tableName}" where "${column}" in (${values.map(() => '?').join(', ')})${where}${order}`, [...values, ...extra]);
    }
    return this.knex.raw(`select ${columns} from "${table.meta.tableName}" where "${column}" in (select value from json_each(?))${where}${order}`, [JSON.stringify(values), ...extra]);
  }

  newNotice(values: Values): NoticeState {
    return { values: newRow(this.notice, values), isNew: true, changed: new Set(), lots: [], storedHash: null };
  }

  newLot(values: Values): LotState {
    return { values: newRow(this.lot, values), isNew: true, changed: new Set(), award: null };
  }

  newAward(values: Values): RowState {
    return { values: newRow(this.award, values), isNew: true, changed: new Set() };
  }

  /** Keeps a notice to write at the next `write()`: inserted if new, else its changed rows updated. */
  keep(state: NoticeState): void {
    this.pending.notices.push(state);
  }

  /** Writes what the kept notices changed: new rows in multi-row INSERTs (notices, then lots, then awards), then updates. */
  async write(): Promise<void> {
    const notices = this.pending.notices;
    this.pending.notices = [];
    const inserts = { notice: [] as Values[], lot: [] as Values[], award: [] as Values[] };
    const updates: Array<[TableOf, RowState]> = [];
    const written = new Set<NoticeState>();
    for (const notice of notices) {
      if (written.has(notice)) continue;
      written.add(notice);
      // A hash set by one record of the file and taken back by another (a notice made of several records) is no change.
      if (!notice.isNew && notice.changed.has('sourceHash') && notice.values.sourceHash === notice.storedHash) notice.changed.delete('sourceHash');
      if (notice.isNew) inserts.notice.push(notice.values);
      else if (notice.changed.size) updates.push([this.notice, notice]);
      for (const lot of notice.lots) {
        if (lot.isNew) inserts.lot.push(lot.values);
        else if (lot.changed.size) updates.push([this.lot, lot]);
        const award = lot.award;
        if (award?.isNew) inserts.award.push(award.values);
        else if (award?.changed.size) updates.push([this.award, award]);
      }
    }
    await this.insert(this.notice, inserts.notice);
    await this.insert(this.lot, inserts.lot);
    await this.insert(this.award, inserts.award);
    for (const [table, state] of updates) await this.update(table, state);
    // Written: later records of the same notice in this file change it from here.
    for (const notice of written) {
      settle(notice);
      notice.storedHash = (notice.values.sourceHash as string | null) ?? null;
      for (const lot of notice.lots) {
        settle(lot);
        if (lot.award) settle(lot.award);
      }
    }
  }

  private insert(table: TableOf, rows: Values[]): Promise<void> {
    return insertRows(this.em, table, rows);
  }

  private async update(table: TableOf, state: RowState): Promise<void> {
    const row: Record<string, unknown> = {};
    for (const { property, column, prop } of table.columns) if (state.changed.has(property)) row[column] = toColumn(prop, state.values[property]);
    const query = this.knex(table.meta.tableName).where('id', state.values.id as string);
    if ([...state.changed].every((property) => BOOKKEEPING.has(property))) {
      await this.run(query.update(row), 'run');
      return;
    }
    // The row's own bookkeeping, as MikroORM's flush would: its update time, and the notice's version.
    row.updated_at = new Date();
    state.values.updatedAt = row.updated_at;
    const versioned = table.columns.find((column) => column.prop.version);
    if (versioned) {
      row[versioned.column] = this.knex.raw('?? + 1', [versioned.column]);
      state.values[versioned.property] = Number(state.values[versioned.property]) + 1;
    }
    await this.run(query.update(row), 'run');
  }
}

/**
 * Multi-row INSERTs of new rows (`newRow`) in the import's transaction. On SQLite, a chunk's rows go as one JSON
 * array bound to one parameter and unpacked by SQLite (`json_each`): binding tens of thousands of parameters one by one
 * cost more of the import's single JavaScript thread than SQLite's whole work. On PostgreSQL, placeholders written
 * here (knex's insert builder repeats the column list per row).
 */
export async function insertRows(em: EntityManager, table: TableOf, rows: Values[]): Promise<void> {
  const knex = em.getKnex();
  const columns = table.columns.map(({ column }) => `"${column}"`).join(', ');
  const head = `insert into "${table.meta.tableName}" (${columns}) `;
  if (!onPostgreSql(em)) {
    for (const chunk of chunks(rows, MAX_ROWS)) {
      const cells = chunk.map((values) => table.columns.map(({ property, prop }) => toJsonCell(prop, values[property])));
      const { select, bindings } = unpackedRows(cells);
      await runStatement(em, knex.raw(head + select, bindings), 'run');
    }
    return;
  }
  const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / table.columns.length)));
  const tuple = `(${table.columns.map(() => '?').join(', ')})`;
  for (const chunk of chunks(rows, size)) {
    const bindings: unknown[] = [];
    for (const values of chunk) for (const { property, prop } of table.columns) bindings.push(toColumn(prop, values[property]));
    await runStatement(em, knex.raw(`${head}values ${Array(chunk.length).fill(tuple).join(', ')}`, bindings as Knex.RawBinding[]), 'run');
  }
}

function settle(state: RowState): void {
  state.isNew = false;
  state.changed.clear();
}

/** A table's columns (from its entity's metadata) and the defaults of a new row (from a new instance of the entity). */
export function tableOf(meta: EntityMetadata, instance: object): TableOf {
  const columns = Object.values(meta.properties)
    .filter((prop) => prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && prop.owner))
    .filter((prop) => prop.persist !== false)
    .map((prop) => ({ property: prop.name, column: prop.fieldNames[0]!, prop }));
  const defaults: Values = {};
  for (const { property } of columns) {
    const value = (instance as Values)[property];
    if (value !== undefined && property !== 'id' && property !== 'createdAt' && property !== 'updatedAt') defaults[property] = value;
  }
  return { meta, columns, defaults };
}

/**
 * A new row: the given values, else the entity's defaults, with a fresh id and times. Built column by column in the
 * table's order, so every row of a table has the same shape: two object spreads (defaults, then values over them)
 * cost about 7 µs per row, 22 µs per DECP record of three rows.
 */
export function newRow(table: TableOf, values: Values): Values {
  const now = new Date();
  const row: Values = {};
  for (const { property } of table.columns) {
    row[property] = property in values ? values[property] : property === 'id' ? timeOrderedId(now.getTime()) : property === 'createdAt' || property === 'updatedAt' ? now : table.defaults[property];
  }
  // A value given for no column of the table (none today) is kept, as the spread kept it.
  for (const property in values) if (!(property in row)) row[property] = values[property];
  return row;
}

let lastMillis = 0;
let sequence = 0;

/**
 * A UUID of version 7 (RFC 9562): the creation time in milliseconds, then a sequence within the millisecond, then
 * random bits. Imported rows are created by the hundred thousand: with random (version 4) ids every insert lands on a
 * random page of each table's primary key index (and of the lot and award indexes on their parent's id), which at a
 * million rows no page cache holds; time-ordered ids append to those indexes' last pages. Still unique and
 * unguessable enough for an id (62 random bits per millisecond and sequence), and as valid a UUID as `randomUUID()`'s.
 */
export function timeOrderedId(millis: number): string {
  if (millis > lastMillis) {
    lastMillis = millis;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    // More than 4,096 ids in one millisecond: borrow the next one, so that ids keep increasing.
    lastMillis++;
    sequence = 0;
  }
  const time = lastMillis.toString(16).padStart(12, '0');
  // randomUUID(): xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx; its variant and last 62 random bits are kept.
  return `${time.slice(0, 8)}-${time.slice(8)}-7${sequence.toString(16).padStart(3, '0')}${randomUUID().slice(18)}`;
}

/**
 * The SELECT that unpacks a chunk of rows (arrays of cells in column order) sent as one JSON parameter, with its
 * bindings. A column holding the same value in every row of the chunk (a default, a null, the import's account and
 * source system: 24 of a notice's 40 columns for a DECP file) is bound once instead of being sent per row:
 * SQLite 3.44 parses a row's JSON text again for each `->>` that reads it, so the columns read from the JSON are
 * most of what an insert costs SQLite (about 28 µs per notice with all 40 of them, before any index).
 */
export function unpackedRows(cells: unknown[][]): { select: string; bindings: Knex.RawBinding[] } {
  const first = cells[0] ?? [];
  const varying = first.map((value, column) => cells.some((row) => row[column] !== value));
  const constants: Knex.RawBinding[] = [];
  let position = 0;
  const expressions = first.map((value, column) => {
    if (varying[column]) return `value ->> ${position++}`;
    constants.push(value as Knex.RawBinding);
    return '?';
  });
  const json = JSON.stringify(cells.map((row) => row.filter((_, column) => varying[column])));
  return { select: `select ${expressions.join(', ')} from json_each(?)`, bindings: [...constants, json] };
}

/** A value as SQLite stores it, for the JSON a chunk is sent as: an instant as epoch milliseconds, a boolean as 0/1. */
function toJsonCell(prop: EntityProperty, value: unknown): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return toColumn(prop, value);
}

function isJson(prop: EntityProperty): boolean {
  return prop.customType instanceof JsonType;
}

function isRelation(prop: EntityProperty): boolean {
  return prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE;
}

/** A column value as MikroORM reads it back (dates, booleans, JSON, doubles), a relation as its id. */
function valuesOf(table: TableOf, row: Row): Values {
  const values: Values = {};
  for (const { property, column, prop } of table.columns) {
    const raw = row[column];
    if (raw === null || raw === undefined) values[property] = null;
    else if (isRelation(prop)) values[property] = String(raw);
    else if (prop.runtimeType === 'Date') values[property] = dateOf(raw);
    else if (prop.runtimeType === 'boolean') values[property] = booleanOf(raw);
    else if (isJson(prop)) values[property] = jsonOf(raw);
    else if (prop.runtimeType === 'number') values[property] = nullableNumberOf(raw);
    else values[property] = raw;
  }
  return values;
}

function toColumn(prop: EntityProperty, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (isJson(prop)) return JSON.stringify(value);
  if (isRelation(prop) && typeof value === 'object') return (value as { id: string }).id;
  return value;
}

export function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/**
 * One statement in the import's transaction. A driver error becomes MikroORM's `DriverException`, as the unit of
 * work's would, so the importer reports the driver's words (SQLITE_BUSY…) rather than the statement.
 */
export async function runStatement(em: EntityManager, query: Knex.QueryBuilder | Knex.Raw | string, method: 'all' | 'run' = 'all'): Promise<Row[]> {
  // Straight to the transaction's knex connection: MikroORM's `execute` would inline every value into the text.
  const transaction = em.getTransactionContext<Knex.Transaction>();
  try {
    if (!transaction) return await em.getConnection().execute<Row[]>(query, [], method);
    const statement = typeof query === 'string' ? transaction.raw(query) : query.transacting(transaction);
    const result = (await statement) as unknown;
    return Array.isArray(result) ? (result as Row[]) : ((result as { rows?: Row[] })?.rows ?? []);
  } catch (error) {
    if (error instanceof DriverException) throw error;
    throw em.getDriver().convertException(error as Error);
  }
}
