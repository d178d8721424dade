import { describe, expect, it } from 'vitest';
import { getCpvCatalogue } from './cpv-catalogue.js';
import { familyForCpv, getPurchasingFamily, listPurchasingFamilies } from './purchasing-families.js';

const families = listPurchasingFamilies();
const cpvCodes = getCpvCatalogue().all();

describe('the purchasing families', () => {
  it('are the families of the Dracénie article, completed for an agglomeration', () => {
    expect(families.map((family) => family.slug)).toEqual([
      'batiments',
      'voirie-reseaux',
      'nettoyage',
      'espaces-verts',
      'transport',
      'informatique',
      'telephonie',
      'location-longue-duree',
      'restauration-collective',
      'fournitures-administratives',
      'energie',
      'assurances',
      'dechets-proprete',
    ]);
  });

  it.each(families.map((family) => [family.slug, family] as const))('%s has an ASCII slug, a French name and a one-sentence description', (_slug, family) => {
    expect(family.slug).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(family.name).toMatch(/^\p{Lu}/u);
    expect(family.description).toMatch(/^\p{Lu}[^.]+\.$/u);
    expect(family.cpvPrefixes.length).toBeGreaterThan(0);
  });

  it('never claims a CPV prefix twice, so the longest match is always unique', () => {
    const prefixes = families.flatMap((family) => family.cpvPrefixes);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('claims no prefix already covered by a shorter prefix of the same family', () => {
    for (const family of families) {
      for (const prefix of family.cpvPrefixes) {
        const covering = family.cpvPrefixes.filter((other) => other !== prefix && prefix.startsWith(other));
        expect(covering, `${family.slug}: ${prefix}`).toEqual([]);
      }
    }
  });

  it.each(families.flatMap((family) => family.cpvPrefixes.map((prefix) => [prefix, family.slug] as const)))(
    'prefix %s of %s is made of digits and gives that family at least one real CPV code',
    (prefix, slug) => {
      expect(prefix).toMatch(/^\d{2,7}$/);
      const owned = cpvCodes.filter((entry) => entry.code8.startsWith(prefix) && familyForCpv(entry.code)?.slug === slug);
      expect(owned.length).toBeGreaterThan(0);
    },
  );

  it('are frozen reference data', () => {
    expect(Object.isFrozen(families)).toBe(true);
    expect(Object.isFrozen(families[0]?.cpvPrefixes)).toBe(true);
  });

  it('are found by slug', () => {
    expect(getPurchasingFamily('espaces-verts')?.name).toBe('Entretien des espaces verts');
    expect(getPurchasingFamily('Espaces verts')).toBeUndefined();
  });
});

describe('familyForCpv', () => {
  it.each([
    ['45210000-2', 'batiments', 'building construction'],
    ['45214200', 'batiments', 'school buildings'],
    ['45261000', 'batiments', 'roofing'],
    ['45111100', 'batiments', 'demolition'],
    ['50750000', 'batiments', 'lift maintenance'],
    ['90650000', 'batiments', 'asbestos removal'],
    ['71221000', 'batiments', 'architects'],
    ['45233140', 'voirie-reseaux', 'road works'],
    ['45112500', 'voirie-reseaux', 'earthworks'],
    ['45316110', 'voirie-reseaux', 'public lighting installation'],
    ['50232100', 'voirie-reseaux', 'public lighting maintenance'],
    ['34992000', 'voirie-reseaux', 'road signs'],
    ['90470000', 'voirie-reseaux', 'sewer cleaning'],
    ['90620000', 'voirie-reseaux', 'snow clearing'],
    ['90911200', 'nettoyage', 'building cleaning'],
    ['90919200', 'nettoyage', 'office cleaning'],
    ['90923000', 'nettoyage', 'pest control'],
    ['98311000', 'nettoyage', 'laundry collection'],
    ['77310000-6', 'espaces-verts', 'green spaces'],
    ['77341000', 'espaces-verts', 'tree pruning'],
    ['45112710', 'espaces-verts', 'landscaping of green areas'],
    ['45111220', 'espaces-verts', 'brush clearing'],
    ['03452000', 'espaces-verts', 'trees'],
    ['16311000', 'espaces-verts', 'lawnmowers'],
    ['60130000', 'transport', 'special-purpose road passenger transport'],
    ['60172000', 'transport', 'bus hire with driver'],
    ['34121000', 'transport', 'buses and coaches'],
    ['50113000', 'transport', 'bus maintenance'],
    ['30213100', 'informatique', 'laptops'],
    ['48000000', 'informatique', 'software'],
    ['72000000', 'informatique', 'IT services'],
    ['32410000', 'informatique', 'local area network'],
    ['50312000', 'informatique', 'computer maintenance'],
    ['64212000', 'telephonie', 'mobile telephony'],
    ['32250000', 'telephonie', 'mobile phones'],
    ['32552100', 'telephonie', 'handsets'],
    ['45314000', 'telephonie', 'telecom equipment installation'],
    ['34110000', 'location-longue-duree', 'passenger cars'],
    ['34144900', 'location-longue-duree', 'electric vehicles'],
    ['66114000', 'location-longue-duree', 'financial leasing'],
    ['50111000', 'location-longue-duree', 'fleet management'],
    ['34350000', 'location-longue-duree', 'tyres'],
    ['55523100', 'restauration-collective', 'school catering'],
    ['15894210', 'restauration-collective', 'school meals'],
    ['03221000', 'restauration-collective', 'vegetables'],
    ['39314000', 'restauration-collective', 'industrial kitchen equipment'],
    ['30192000', 'fournitures-administratives', 'office supplies'],
    ['30121100', 'fournitures-administratives', 'photocopiers'],
    ['39130000', 'fournitures-administratives', 'office furniture'],
    ['79810000', 'fournitures-administratives', 'printing'],
    ['50313000', 'fournitures-administratives', 'reprographic equipment maintenance'],
    ['09310000', 'energie', 'electricity'],
    ['09134200', 'energie', 'diesel fuel'],
    ['65110000', 'energie', 'water distribution'],
    ['30163100', 'energie', 'fuel cards'],
    ['71314200', 'energie', 'energy management'],
    ['66510000', 'assurances', 'insurance'],
    ['66518100', 'assurances', 'insurance brokerage'],
    ['90511200', 'dechets-proprete', 'household refuse collection'],
    ['90612000', 'dechets-proprete', 'street sweeping'],
    ['34144511', 'dechets-proprete', 'refuse-collection vehicles'],
    ['44613800', 'dechets-proprete', 'waste containers'],
  ])('puts %s in %s (%s)', (code, slug) => {
    expect(familyForCpv(code)?.slug).toBe(slug);
  });

  it.each([
    ['15700000', 'animal feed'],
    ['79100000', 'legal services'],
    ['80500000', 'training'],
    ['33600000', 'pharmaceuticals'],
  ])('leaves %s (%s) outside every family', (code) => {
    expect(familyForCpv(code)).toBeUndefined();
  });

  it.each(['', '4521', '4521000', 'abcdefgh', '45210000-', '45210000-22'])('finds no family for the malformed code %j', (code) => {
    expect(familyForCpv(code)).toBeUndefined();
  });

  it('accepts surrounding spaces and the check digit', () => {
    expect(familyForCpv(' 45210000-2 ')?.slug).toBe('batiments');
  });

  it('puts a real share of the CPV list in a family, and most of what the territory buys', () => {
    const classified = cpvCodes.filter((entry) => familyForCpv(entry.code) !== undefined);
    // Measured when the prefixes were chosen: 3,202 of 9,454 codes. The rest (medical, military, industrial…)
    // is rarely bought by communes and stays outside any family.
    expect(classified.length).toBeGreaterThan(3000);
  });
});
