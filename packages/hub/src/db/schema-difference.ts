import { DatabaseSchema, SchemaComparator, type SchemaDifference, type TableDifference } from '@mikro-orm/knex';
import type { MikroORM } from '@mikro-orm/sqlite';
import { isPostgreSql } from './orm.js';

/**
 * Indexes that the PostgreSQL migrations add and no entity describes: operator classes (`varchar_pattern_ops`, for
 * LIKE by prefix) that SQLite lacks and an entity's `@Index` cannot name for one dialect alone.
 */
export const POSTGRESQL_ONLY_INDEXES = new Set(['notice_reference_pattern_index', 'planned_purchase_reference_pattern_index', 'advice_request_reference_pattern_index']);

/**
 * What separates the database the ORM is connected to from what the entities describe, without what MikroORM
 * misreads on SQLite: it reads back neither an enum's CHECK constraint nor the foreign keys' names, so its raw
 * comparison of a SQLite file with its own entities wants to rebuild every table with an enum or a relation. Here an
 * enum counts as changed only when the items of its CHECK constraint (read from the table's SQL) differ, and the
 * unnamed foreign keys read back are not taken for keys to drop. Used by `hub migration create` and by the test that
 * the committed migrations build what the entities describe.
 */
export async function entitySchemaDifference(orm: MikroORM): Promise<SchemaDifference> {
  const platform = orm.em.getPlatform();
  const metadata = Object.values(orm.getMetadata().getAll()).filter((meta) => !meta.embeddable && !meta.virtual);
  const built = await DatabaseSchema.create(orm.em.getConnection(), platform, orm.config, undefined, undefined, undefined, ['mikro_orm_migrations']);
  const described = DatabaseSchema.fromMetadata(metadata, platform, orm.config, undefined);
  const difference = new SchemaComparator(platform).compare(built, described);
  if (isPostgreSql(orm)) {
    for (const [name, change] of Object.entries(difference.changedTables)) {
      for (const index of Object.keys(change.removedIndexes)) if (POSTGRESQL_ONLY_INDEXES.has(index)) delete change.removedIndexes[index];
      if (isEmpty(change)) delete difference.changedTables[name];
    }
    return difference;
  }

  const tables = await orm.em.getConnection().execute<Array<{ name: string; sql: string }>>("select name, sql from sqlite_master where type = 'table'");
  const tableSql = new Map(tables.map((table) => [table.name, table.sql]));
  for (const [name, change] of Object.entries(difference.changedTables)) {
    for (const [column, columnChange] of Object.entries(change.changedColumns)) {
      if (columnChange.changedProperties.has('enumItems') && sameItems(checkedItems(tableSql.get(name) ?? '', column), columnChange.column.enumItems ?? [])) {
        columnChange.changedProperties.delete('enumItems');
      }
      if (columnChange.changedProperties.size === 0) delete change.changedColumns[column];
    }
    change.removedForeignKeys = {};
    if (isEmpty(change)) delete difference.changedTables[name];
  }
  return difference;
}

/** The difference in words, one line per table, column, index or key; empty when the database is what the entities describe. */
export function describeDifference(difference: SchemaDifference): string[] {
  const lines = [
    ...Object.keys(difference.newTables).map((table) => `table ${table} is not in the database`),
    ...Object.keys(difference.removedTables).map((table) => `table ${table} is in no entity`),
  ];
  for (const [table, change] of Object.entries(difference.changedTables)) {
    lines.push(...Object.keys(change.addedColumns).map((column) => `${table}.${column} is not in the database`));
    lines.push(...Object.keys(change.removedColumns).map((column) => `${table}.${column} is in no entity`));
    lines.push(...Object.entries(change.changedColumns).map(([column, columnChange]) => `${table}.${column} differs in ${[...columnChange.changedProperties].join(', ')}`));
    lines.push(...Object.keys(change.addedIndexes).map((index) => `index ${index} is not in the database`));
    lines.push(...Object.keys(change.removedIndexes).map((index) => `index ${index} is in no entity`));
    lines.push(...Object.keys(change.changedIndexes).map((index) => `index ${index} differs`));
    lines.push(...Object.keys(change.addedForeignKeys).map((key) => `foreign key ${key} is not in the database`));
    lines.push(...Object.keys(change.removedForeignKeys).map((key) => `foreign key ${key} is in no entity`));
    lines.push(...Object.keys(change.changedForeignKeys).map((key) => `foreign key ${key} differs`));
    lines.push(...Object.keys(change.addedChecks).map((check) => `check ${check} is not in the database`));
    lines.push(...Object.keys(change.removedChecks).map((check) => `check ${check} is in no entity`));
    lines.push(...Object.keys(change.changedChecks).map((check) => `check ${check} differs`));
  }
  return lines;
}

/** The items of `column in ('A', 'B')` in a SQLite table's CREATE statement; null when the column has no such check. */
export function checkedItems(createTableSql: string, column: string): string[] | null {
  const quoted = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`check \\(\`${quoted}\` in \\(((?:'(?:[^']|'')*'(?:, )?)*)\\)\\)`).exec(createTableSql);
  if (!match) return null;
  return [...match[1]!.matchAll(/'((?:[^']|'')*)'/g)].map((item) => item[1]!.replace(/''/g, "'"));
}

function sameItems(inDatabase: string[] | null, described: string[]): boolean {
  return inDatabase !== null && inDatabase.length === described.length && inDatabase.every((item, index) => item === String(described[index]));
}

function isEmpty(change: TableDifference): boolean {
  const parts = [
    change.addedColumns, change.changedColumns, change.removedColumns, change.renamedColumns,
    change.addedIndexes, change.changedIndexes, change.removedIndexes, change.renamedIndexes,
    change.addedChecks, change.changedChecks, change.removedChecks,
    change.addedForeignKeys, change.changedForeignKeys, change.removedForeignKeys,
  ];
  return change.changedComment === undefined && parts.every((part) => Object.keys(part).length === 0);
}
