import { ReferenceKind } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sqlite';
import { Notice } from '../../notices/notice.entity.js';
import { Organisation } from '../../organisations/organisation.entity.js';
import { ReferenceCodes } from '../../organisations/reference-codes.js';
import { isPlaceholderSiren, placeholderSiren } from '../../organisations/siren-placeholder.js';
import { slugify } from '../../shared/slug.js';
import { foldText } from '../../shared/text.js';
import type { ImportedBuyer } from './imported-notice.js';
import { insertRows, newRow, tableOf, type TableOf, type Values } from './notice-store.js';
import { clip } from './values.js';

interface KnownBuyer {
  id: string;
  siren: string;
  siret: string | null;
  name: string;
}

/**
 * The organisations met during one import, by SIRET, SIREN and (for buyers the source identifies by name only)
 * folded name. Unknown buyers become « other public bodies » with a fresh reference code, written as plain rows with
 * the batch that met them (`writeNew`): no entity, so the unit of work the importer flushes stays empty of them (an
 * organisation made through the ORM cost about 140 µs of the main thread, and a national file names thousands).
 */
export class BuyerDirectory {
  private readonly bySiret = new Map<string, KnownBuyer>();
  private readonly bySiren = new Map<string, KnownBuyer>();
  private readonly byName = new Map<string, KnownBuyer>();
  private readonly byId = new Map<string, KnownBuyer>();
  private readonly createdIds = new Set<string>();
  private readonly codes = new ReferenceCodes();
  private readonly slugs = new Set<string>();
  private readonly codeById = new Map<string, string>();
  created = 0;
  /** The organisations created since the last `writeNew`, by id: not in the database yet. */
  private readonly unwritten = new Map<string, Values>();

  private constructor(private readonly table: TableOf) {}
  /**
   * Buyers met by name only (placeholder SIREN) that a later record identified as another organisation, known by its
   * SIREN under another name: their notices move to it when the import ends (`mergeNamedOnly`).
   */
  private readonly merges = new Map<string, { into: KnownBuyer; name: string }>();

  static async load(em: EntityManager): Promise<BuyerDirectory> {
    const directory = new BuyerDirectory(tableOf(em.getMetadata().get(Organisation.name), new Organisation()));
    const organisations = await em.find(Organisation, {}, { fields: ['id', 'siren', 'siret', 'name', 'slug', 'referenceCode'] });
    for (const organisation of organisations) directory.remember(organisation);
    return directory;
  }

  private remember(organisation: Pick<Organisation, 'id' | 'siren' | 'siret' | 'name' | 'slug' | 'referenceCode'>) {
    const known: KnownBuyer = { id: organisation.id, siren: organisation.siren, siret: organisation.siret, name: organisation.name };
    this.bySiren.set(organisation.siren, known);
    this.byId.set(organisation.id, known);
    if (organisation.siret) this.bySiret.set(organisation.siret, known);
    this.byName.set(foldText(organisation.name), known);
    this.codes.add(organisation.referenceCode);
    this.codeById.set(organisation.id, organisation.referenceCode);
    this.slugs.add(organisation.slug);
  }

  /** The letters of the organisation's notice references (three, or more once the three-letter codes are all taken). */
  codeOf(id: string): string {
    const code = this.codeById.get(id);
    if (!code) throw new Error(`Organisation ${id} is unknown to this import`);
    return code;
  }

  /**
   * The organisation's id; learns a SIRET the hub did not know. `current` is the organisation of the notice the record
   * updates, if any: a record naming its buyer by a name alone that the hub does not know keeps the notice's buyer
   * (a buyer whose name-only twin was merged into it is found again, whatever the order of the imports).
   */
  async resolve(em: EntityManager, buyer: ImportedBuyer, current?: string): Promise<{ id: string; name: string }> {
    const name = clip(buyer.name || (buyer.siret ? `Acheteur ${buyer.siret}` : buyer.siren ? `Acheteur ${buyer.siren}` : 'Acheteur sans nom'), 200);
    const folded = foldText(name);
    const byName = this.byName.get(folded);
    if (!buyer.siren && !byName && current) {
      const known = this.byId.get(current);
      if (known) return { id: known.id, name: known.name };
    }
    // A buyer first met by name only (an old BOAMP notice) holds a placeholder SIREN: the first source that gives its
    // SIREN under the same name identifies it, whatever the order of the imports, instead of making a duplicate.
    const namedOnly = buyer.siren && byName && isPlaceholderSiren(byName.siren) ? byName : undefined;
    const found =
      (buyer.siret && this.bySiret.get(buyer.siret)) ||
      (buyer.siren && this.bySiren.get(buyer.siren)) ||
      namedOnly ||
      (!buyer.siren && byName) ||
      undefined;
    if (found && found === namedOnly && buyer.siren) {
      await this.updateOrganisation(em, found.id, { siren: buyer.siren, ...(buyer.siret ? { siret: buyer.siret } : {}) });
      this.bySiren.delete(found.siren);
      found.siren = buyer.siren;
      this.bySiren.set(buyer.siren, found);
    }
    // The same name met before without SIREN, as another organisation: one buyer, whose notices go to the one the
    // SIREN identifies.
    if (found && byName && byName !== found && buyer.siren && isPlaceholderSiren(byName.siren)) {
      this.merges.set(byName.id, { into: found, name: byName.name });
      this.byName.set(folded, found);
    }
    if (found) {
      if (buyer.siret && !found.siret) {
        await this.updateOrganisation(em, found.id, { siret: buyer.siret });
        found.siret = buyer.siret;
        this.bySiret.set(buyer.siret, found);
      }
      return { id: found.id, name: found.name };
    }
    const siren = buyer.siren ?? placeholderSiren(name, buyer.country);
    const organisation = newRow(this.table, {
      siren,
      siret: buyer.siret,
      name,
      slug: this.freeSlug(name, siren),
      kind: 'OTHER_PUBLIC_BODY',
      referenceCode: this.codes.take(name),
    }) as Values & Pick<Organisation, 'id' | 'siren' | 'siret' | 'name' | 'slug' | 'referenceCode'>;
    this.unwritten.set(organisation.id, organisation);
    this.remember(organisation);
    this.createdIds.add(organisation.id);
    this.created++;
    return { id: organisation.id, name };
  }

  /** Writes the organisations created since the last call, in multi-row INSERTs: before the notices that name them. */
  async writeNew(em: EntityManager): Promise<void> {
    if (this.unwritten.size === 0) return;
    const rows = [...this.unwritten.values()];
    this.unwritten.clear();
    await insertRows(em, this.table, rows);
  }

  /** What a later record taught of an organisation: on its row still to write, else in the database. */
  private async updateOrganisation(em: EntityManager, id: string, values: Partial<Pick<Organisation, 'siren' | 'siret'>>): Promise<void> {
    const unwritten = this.unwritten.get(id);
    if (unwritten) Object.assign(unwritten, values);
    else await em.nativeUpdate(Organisation, { id }, values);
  }

  /**
   * Moves the notices of each buyer met by name only onto the organisation its SIREN identified, then removes the
   * name-only organisation unless something else than notices refers to it. Returns what was merged, for the summary.
   */
  async mergeNamedOnly(em: EntityManager): Promise<string[]> {
    const done: string[] = [];
    for (const [from, { into, name }] of this.merges) {
      const moved = await em.nativeUpdate(Notice, { organisation: from }, { organisation: into.id });
      let others = 0;
      for (const meta of Object.values(em.getMetadata().getAll())) {
        if (meta.className === 'Notice' || meta.abstract || meta.embeddable || meta.virtual) continue;
        for (const prop of meta.props) {
          const owning = prop.kind === ReferenceKind.MANY_TO_ONE || ((prop.kind === ReferenceKind.ONE_TO_ONE || prop.kind === ReferenceKind.MANY_TO_MANY) && prop.owner);
          if (prop.targetMeta?.className !== 'Organisation' || !owning) continue;
          others += await em.count(meta.class, { [prop.name]: from });
        }
      }
      if (others === 0) {
        await em.nativeDelete(Organisation, { id: from });
        if (this.createdIds.delete(from)) this.created--;
        for (const [key, known] of this.bySiren) if (known.id === from) this.bySiren.delete(key);
        this.byId.set(from, into);
      }
      done.push(`buyer « ${name} », met by name only, is ${into.name} (SIREN ${into.siren}): ${moved} notice(s) moved to it${others ? ' (the name-only organisation is kept: other records refer to it)' : ''}`);
    }
    this.merges.clear();
    return done;
  }

  private freeSlug(name: string, siren: string): string {
    const base = clip(slugify(name) || 'acheteur', 100).replace(/…$/, '');
    if (!this.slugs.has(base)) return base;
    const withSiren = `${base}-${siren.replace(/[^0-9a-z]/g, '')}`;
    if (!this.slugs.has(withSiren)) return withSiren;
    for (let n = 2; ; n++) if (!this.slugs.has(`${withSiren}-${n}`)) return `${withSiren}-${n}`;
  }
}
