import { describe, expect, it } from 'vitest';
import { getTerritory, getVarCommune, listVarCommunes } from './territory.js';

describe('getTerritory', () => {
  const { agglomeration, communes } = getTerritory();

  it('describes the CA Dracénie Provence Verdon Agglomération', () => {
    expect(agglomeration).toEqual({
      siren: '248300493',
      name: 'CA Dracénie Provence Verdon Agglomération',
      population: 115767,
    });
  });

  it('lists its 23 member communes, largest first, whose populations add up to the agglomeration’s', () => {
    expect(communes).toHaveLength(23);
    expect(communes[0]).toEqual({
      inseeCode: '83050',
      siren: '218300507',
      name: 'Draguignan',
      population: 41608,
      postalCodes: ['83300'],
    });
    const populations = communes.map((commune) => commune.population);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
    expect(populations.reduce((sum, population) => sum + population, 0)).toBe(agglomeration.population);
  });

  it.each([
    ['83141', 'Trans-en-Provence', ['83720']],
    ['83072', 'Lorgues', ['83510']],
    ['83013', 'La Bastide', ['83840']],
    ['83010', 'Bargème', ['83840']],
    ['83044', 'Comps-sur-Artuby', ['83840']],
  ])('includes %s %s with its postal codes', (inseeCode, name, postalCodes) => {
    expect(communes.find((commune) => commune.inseeCode === inseeCode)).toMatchObject({ name, postalCodes });
  });

  it('has unique INSEE codes and SIRENs, each a commune of the Var with the same SIREN', () => {
    expect(new Set(communes.map((c) => c.inseeCode)).size).toBe(23);
    expect(new Set(communes.map((c) => c.siren)).size).toBe(23);
    for (const commune of communes) {
      expect(getVarCommune(commune.inseeCode)).toMatchObject({ name: commune.name, siren: commune.siren });
    }
  });

  it('is shared and frozen, so no caller can alter the reference data', () => {
    expect(getTerritory()).toBe(getTerritory());
    expect(Object.isFrozen(getTerritory().communes)).toBe(true);
    expect(Object.isFrozen(getTerritory().communes[0]?.postalCodes)).toBe(true);
  });
});

describe('Var communes', () => {
  it('lists the 153 communes of the Var sorted by INSEE code', () => {
    const communes = listVarCommunes();
    expect(communes).toHaveLength(153);
    const codes = communes.map((commune) => commune.inseeCode);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(153);
    for (const commune of communes) {
      expect(commune.inseeCode).toMatch(/^83\d{3}$/);
      expect(commune.siren).toMatch(/^2183\d{5}$/);
      expect(commune.postalCodes.length).toBeGreaterThan(0);
      for (const postalCode of commune.postalCodes) expect(postalCode).toMatch(/^\d{5}$/);
    }
  });

  it.each([
    ['83050', 'Draguignan'],
    ['83137', 'Toulon'],
    [' 83001 ', "Les Adrets-de-l'Estérel"],
  ])('finds %j: %s', (inseeCode, name) => {
    expect(getVarCommune(inseeCode)?.name).toBe(name);
  });

  it('lists every postal code of a commune that has several', () => {
    expect(getVarCommune('83137')?.postalCodes).toEqual(['83000', '83100', '83200']);
  });

  it('keeps La Poste’s postal codes as they are, even outside 83xxx (Riboux is served from Cuges-les-Pins)', () => {
    expect(getVarCommune('83105')).toMatchObject({ name: 'Riboux', postalCodes: ['13780'] });
  });

  it.each([
    ['06088', 'Nice, outside the Var'],
    ['83999', 'no such commune'],
    ['83300', 'a postal code, not an INSEE code'],
    ['', 'an empty string'],
  ])('finds nothing for %j (%s)', (inseeCode) => {
    expect(getVarCommune(inseeCode)).toBeUndefined();
  });
});
