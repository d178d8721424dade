import type { EntityManager } from '@mikro-orm/sqlite';
import { Organisation } from '../../organisations/organisation.entity.js';
import { isPlaceholderSiren, placeholderSiren } from '../../organisations/siren-placeholder.js';
import { referenceCodeFor } from '../../seed/reference-codes.js';
import { slugify } from '../../shared/slug.js';
import { foldText } from '../../shared/text.js';
import type { ImportedBuyer } from './imported-notice.js';
import { clip } from './values.js';

interface KnownBuyer {
  id: string;
  siren: string;
  siret: string | null;
  name: string;
}

/**
 * The organisations met during one import, by SIRET, SIREN and (for buyers the source identifies by name only)
 * folded name. Unknown buyers become « other public bodies » with a fresh reference code. Keeps ids, not
 * entities, so the importer may clear its unit of work between batches.
 */
export class BuyerDirectory {
  private readonly bySiret = new Map<string, KnownBuyer>();
  private readonly bySiren = new Map<string, KnownBuyer>();
  private readonly byName = new Map<string, KnownBuyer>();
  private readonly codes = new Set<string>();
  private readonly slugs = new Set<string>();
  private readonly codeById = new Map<string, string>();
  created = 0;

  static async load(em: EntityManager): Promise<BuyerDirectory> {
    const directory = new BuyerDirectory();
    const organisations = await em.find(Organisation, {}, { fields: ['id', 'siren', 'siret', 'name', 'slug', 'referenceCode'] });
    for (const organisation of organisations) directory.remember(organisation);
    return directory;
  }

  private remember(organisation: Pick<Organisation, 'id' | 'siren' | 'siret' | 'name' | 'slug' | 'referenceCode'>) {
    const known: KnownBuyer = { id: organisation.id, siren: organisation.siren, siret: organisation.siret, name: organisation.name };
    this.bySiren.set(organisation.siren, known);
    if (organisation.siret) this.bySiret.set(organisation.siret, known);
    this.byName.set(foldText(organisation.name), known);
    this.codes.add(organisation.referenceCode);
    this.codeById.set(organisation.id, organisation.referenceCode);
    this.slugs.add(organisation.slug);
  }

  /** The three letters of the organisation's notice references. */
  codeOf(id: string): string {
    const code = this.codeById.get(id);
    if (!code) throw new Error(`Organisation ${id} is unknown to this import`);
    return code;
  }

  /** The organisation's id; learns a SIRET the hub did not know. */
  async resolve(em: EntityManager, buyer: ImportedBuyer): Promise<{ id: string; name: string }> {
    const name = clip(buyer.name || (buyer.siret ? `Acheteur ${buyer.siret}` : buyer.siren ? `Acheteur ${buyer.siren}` : 'Acheteur sans nom'), 200);
    const byName = this.byName.get(foldText(name));
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
      await em.nativeUpdate(Organisation, { id: found.id }, { siren: buyer.siren, ...(buyer.siret ? { siret: buyer.siret } : {}) });
      this.bySiren.delete(found.siren);
      found.siren = buyer.siren;
      this.bySiren.set(buyer.siren, found);
    }
    if (found) {
      if (buyer.siret && !found.siret) {
        await em.nativeUpdate(Organisation, { id: found.id }, { siret: buyer.siret });
        found.siret = buyer.siret;
        this.bySiret.set(buyer.siret, found);
      }
      return { id: found.id, name: found.name };
    }
    const siren = buyer.siren ?? placeholderSiren(name, buyer.country);
    const organisation = em.create(Organisation, {
      siren,
      siret: buyer.siret,
      name,
      slug: this.freeSlug(name, siren),
      kind: 'OTHER_PUBLIC_BODY',
      referenceCode: this.freeCode(name),
    });
    em.persist(organisation);
    this.remember(organisation);
    this.created++;
    return { id: organisation.id, name };
  }

  private freeSlug(name: string, siren: string): string {
    const base = clip(slugify(name) || 'acheteur', 100).replace(/…$/, '');
    if (!this.slugs.has(base)) return base;
    const withSiren = `${base}-${siren.replace(/[^0-9a-z]/g, '')}`;
    if (!this.slugs.has(withSiren)) return withSiren;
    for (let n = 2; ; n++) if (!this.slugs.has(`${withSiren}-${n}`)) return `${withSiren}-${n}`;
  }

  /** `referenceCodeFor` tries the name's letters; a busy territory may exhaust them, so any free code will do. */
  private freeCode(name: string): string {
    try {
      return referenceCodeFor(name, this.codes);
    } catch {
      const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
      for (const a of letters) for (const b of letters) for (const c of letters) if (!this.codes.has(a + b + c)) return a + b + c;
      throw new Error('Every three-letter reference code is taken');
    }
  }
}
