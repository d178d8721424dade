import type { EntityManager } from '@mikro-orm/sqlite';
import { PurchasingFamily } from '../families/purchasing-family.entity.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { ReferenceCodes } from '../organisations/reference-codes.js';
import { listPurchasingFamilies } from '../reference/purchasing-families.js';
import { getTerritory } from '../reference/territory.js';
import { slugify } from '../shared/slug.js';

export interface SeedSummary {
  created: number;
  updated: number;
}

/** Loads the agglomeration, its 23 communes and the purchasing families; running it again changes nothing. */
export async function seedTerritory(em: EntityManager): Promise<SeedSummary> {
  const summary: SeedSummary = { created: 0, updated: 0 };
  const { agglomeration, communes } = getTerritory();
  const existing = await em.find(Organisation, {});
  const bySiren = new Map(existing.map((organisation) => [organisation.siren, organisation]));
  const codes = new ReferenceCodes(existing.map((organisation) => organisation.referenceCode));

  const wanted = [
    { siren: agglomeration.siren, name: agglomeration.name, kind: 'AGGLOMERATION' as const, inseeCode: null, population: agglomeration.population, code: 'CAD' },
    ...communes.map((commune) => ({
      siren: commune.siren,
      name: commune.name,
      kind: 'COMMUNE' as const,
      inseeCode: commune.inseeCode,
      population: commune.population,
      code: undefined,
    })),
  ];
  for (const item of wanted) {
    const current = bySiren.get(item.siren);
    const values = { name: item.name, kind: item.kind, inseeCode: item.inseeCode, population: item.population, slug: slugify(item.name) };
    if (current) {
      const changed = Object.entries(values).some(([key, value]) => current[key as keyof typeof values] !== value);
      if (changed) {
        Object.assign(current, values);
        summary.updated++;
      }
      continue;
    }
    const referenceCode = item.code && !codes.has(item.code) ? item.code : codes.take(item.name);
    codes.add(referenceCode);
    em.persist(em.create(Organisation, { siren: item.siren, referenceCode, ...values }));
    summary.created++;
  }

  const families = await em.find(PurchasingFamily, {});
  const bySlug = new Map(families.map((family) => [family.slug, family]));
  listPurchasingFamilies().forEach((definition, position) => {
    const values = { name: definition.name, description: definition.description, cpvPrefixes: [...definition.cpvPrefixes], position };
    const current = bySlug.get(definition.slug);
    if (!current) {
      em.persist(em.create(PurchasingFamily, { slug: definition.slug, ...values }));
      summary.created++;
    } else if (JSON.stringify({ ...values }) !== JSON.stringify({ name: current.name, description: current.description, cpvPrefixes: current.cpvPrefixes, position: current.position })) {
      Object.assign(current, values);
      summary.updated++;
    }
  });
  await em.flush();
  return summary;
}
