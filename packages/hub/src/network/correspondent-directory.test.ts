import { describe, expect, it } from 'vitest';
import { familyChanges, groupNamings, type Naming } from './correspondent-directory.js';

const naming = (person: string, organisation: string, family: string, position: number): Naming<string> => ({
  person,
  personName: person,
  organisationKey: organisation,
  organisationOrder: organisation,
  familyKey: family,
  familyPosition: position,
});

const namings = [
  naming('Zoé', 'Lorgues', 'voirie', 2),
  naming('Anne', 'Lorgues', 'voirie', 2),
  naming('Émile', 'Draguignan', 'voirie', 2),
  naming('Anne', 'Lorgues', 'batiments', 1),
];

describe('the correspondents directory', () => {
  it('groups a family’s correspondents by organisation, people by name in each', () => {
    expect(groupNamings(namings.filter((n) => n.familyKey === 'voirie'), 'organisation')).toEqual([
      { key: 'Draguignan', people: ['Émile'] },
      { key: 'Lorgues', people: ['Anne', 'Zoé'] },
    ]);
  });

  it('groups an organisation’s correspondents by family, in the families’ order', () => {
    expect(groupNamings(namings.filter((n) => n.organisationKey === 'Lorgues'), 'family')).toEqual([
      { key: 'batiments', people: ['Anne'] },
      { key: 'voirie', people: ['Anne', 'Zoé'] },
    ]);
  });

  it('is empty when nobody is named', () => {
    expect(groupNamings([], 'family')).toEqual([]);
  });
});

describe('changing the families of a correspondent', () => {
  it('adds the new families and removes the dropped ones, keeping the others', () => {
    expect(familyChanges(['voirie', 'batiments'], ['batiments', 'informatique'])).toEqual({ add: ['informatique'], remove: ['voirie'] });
  });

  it('removes every family when none is wanted, and ignores repeats', () => {
    expect(familyChanges(['voirie'], [])).toEqual({ add: [], remove: ['voirie'] });
    expect(familyChanges([], ['voirie', 'voirie'])).toEqual({ add: ['voirie'], remove: [] });
  });
});
