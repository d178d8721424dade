import { ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/sqlite';
import { AlertSubscriptionGeneration } from '../alerts/alert-subscription-generation.entity.js';

export interface TableCopy {
  table: string;
  source: number;
  target: number;
}

export class CopyRefused extends Error {}

/**
 * Tables whose rows the migrations write and the database's own triggers keep, whoever changes the rows they count:
 * no territory's data, so they are neither copied (the target's triggers count the rows copied into it) nor taken
 * for data when the target is checked to be empty (a migrated database holds their first row).
 */
const KEPT_BY_THE_DATABASE: ReadonlySet<string> = new Set([AlertSubscriptionGeneration.name]);

/** Rows read and written at a time. */
const BATCH = 500;

/**
 * Copies a whole territory from one database to another (the embedded SQLite file to PostgreSQL): every row of every
 * table, the outbox with its fan-out state and the webhook endpoints with their secrets included, in one transaction
 * of the target, so a failed copy leaves it empty (tables the database keeps by itself apart). The target is migrated first and must hold no row. Rows go through
 * the entities' metadata, so each dialect writes its own types (SQLite's 0/1 and texts, PostgreSQL's booleans,
 * timestamps and jsonb); tables are written parents first, and a table's references to its own rows are set once all
 * its rows are in. Returns each table's counts, read again from both sides after the commit.
 */
export async function copyDatabase(source: MikroORM, target: MikroORM, progress: (message: string) => void = () => undefined): Promise<TableCopy[]> {
  if (await source.getMigrator().getPendingMigrations().then((pending) => pending.length > 0)) {
    throw new CopyRefused('the source database has migrations to apply: run `pnpm hub migrate` on it first');
  }
  await target.getMigrator().up();
  const tables = tablesInOrder(source).filter((meta) => !KEPT_BY_THE_DATABASE.has(meta.className));
  for (const meta of tables) {
    const rows = await target.em.fork().count(meta.className, {});
    if (rows > 0) throw new CopyRefused(`the target database is not empty (${meta.tableName}: ${rows} rows): copy-database only fills an empty one`);
  }

  // begin/commit rather than transactional(): inside transactional()'s context, MikroORM would hand the source's reads
  // to the target's transaction too (both ORMs use the default context name).
  const into = target.em.fork() as EntityManager;
  await into.begin();
  try {
    for (const meta of tables) {
      const selfReferences = meta.props.filter((prop) => isReference(prop) && prop.targetMeta?.tableName === meta.tableName);
      const lazy = meta.props.filter((prop) => prop.kind === ReferenceKind.SCALAR && prop.lazy).map((prop) => prop.name);
      const primaryKey = meta.primaryKeys[0]!;
      const later: Array<{ id: unknown; values: Record<string, unknown> }> = [];
      let copied = 0;
      for (let offset = 0; ; offset += BATCH) {
        const page = await source.em.fork().find(meta.className, {}, {
          orderBy: Object.fromEntries(meta.primaryKeys.map((key) => [key, 'asc'])),
          limit: BATCH,
          offset,
          populate: lazy as never[],
        });
        if (page.length === 0) break;
        const rows = page.map((entity) => rowOf(meta, entity as Record<string, unknown>));
        for (const row of rows) {
          const values: Record<string, unknown> = {};
          for (const prop of selfReferences) {
            if (row[prop.name] !== null && row[prop.name] !== undefined) values[prop.name] = row[prop.name];
            row[prop.name] = null;
          }
          if (Object.keys(values).length) later.push({ id: row[primaryKey], values });
        }
        await into.insertMany(meta.className, rows);
        into.clear();
        copied += rows.length;
        if (page.length < BATCH) break;
      }
      for (const { id, values } of later) await into.nativeUpdate(meta.className, { [primaryKey]: id }, values);
      progress(`${meta.tableName}: ${copied}`);
    }
    await into.commit();
  } catch (error) {
    await into.rollback();
    throw error;
  }

  const counts: TableCopy[] = [];
  for (const meta of tables) {
    counts.push({ table: meta.tableName, source: await source.em.fork().count(meta.className, {}), target: await target.em.fork().count(meta.className, {}) });
  }
  return counts;
}

function isReference(prop: EntityProperty): boolean {
  return prop.kind === ReferenceKind.MANY_TO_ONE || (prop.kind === ReferenceKind.ONE_TO_ONE && Boolean(prop.owner));
}

/** A row as the entity's own properties: scalars as the entity holds them, references as their primary key. */
function rowOf(meta: EntityMetadata, entity: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const prop of meta.props) {
    if (prop.persist === false || prop.formula || prop.embedded) continue;
    if (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.EMBEDDED) {
      row[prop.name] = entity[prop.name];
    } else if (isReference(prop)) {
      const reference = entity[prop.name] as { unwrap?: () => Record<string, unknown> } | Record<string, unknown> | null | undefined;
      const related = reference && typeof (reference as { unwrap?: unknown }).unwrap === 'function' ? (reference as { unwrap: () => Record<string, unknown> }).unwrap() : (reference as Record<string, unknown> | null | undefined);
      row[prop.name] = related ? related[prop.targetMeta!.primaryKeys[0]!] : null;
    }
  }
  return row;
}

/** Every table of the entities (pivot tables included), each after the tables it references. */
function tablesInOrder(orm: MikroORM): EntityMetadata[] {
  const all = Object.values(orm.getMetadata().getAll()).filter((meta) => !meta.embeddable && !meta.virtual && !meta.abstract && meta.tableName);
  const byTable = new Map(all.map((meta) => [meta.tableName, meta]));
  const ordered: EntityMetadata[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (meta: EntityMetadata) => {
    const seen = state.get(meta.tableName);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(`tables reference each other in a cycle through ${meta.tableName}: copy-database cannot order them`);
    state.set(meta.tableName, 'visiting');
    for (const prop of meta.props) {
      if (!isReference(prop) || !prop.targetMeta || prop.targetMeta.tableName === meta.tableName) continue;
      const parent = byTable.get(prop.targetMeta.tableName);
      if (parent) visit(parent);
    }
    state.set(meta.tableName, 'done');
    ordered.push(meta);
  };
  for (const meta of [...byTable.values()].sort((a, b) => a.tableName.localeCompare(b.tableName))) visit(meta);
  return ordered;
}
