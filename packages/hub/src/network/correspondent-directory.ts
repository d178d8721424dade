/** One naming, as the directory groups it. */
export interface Naming<Person> {
  person: Person;
  personName: string;
  organisationKey: string;
  organisationOrder: string;
  familyKey: string;
  familyPosition: number;
}

export interface Group<Person> {
  key: string;
  people: Person[];
}

/**
 * Groups namings by organisation (for one family) or by family (for one organisation): groups in the directory's
 * order (organisations as listed, families by position), people by name inside each.
 */
export function groupNamings<Person>(namings: ReadonlyArray<Naming<Person>>, by: 'organisation' | 'family'): Array<Group<Person>> {
  const sorted = [...namings].sort((a, b) =>
    by === 'organisation'
      ? a.organisationOrder.localeCompare(b.organisationOrder, 'fr') || a.personName.localeCompare(b.personName, 'fr')
      : a.familyPosition - b.familyPosition || a.personName.localeCompare(b.personName, 'fr'),
  );
  const groups = new Map<string, Group<Person>>();
  for (const naming of sorted) {
    const key = by === 'organisation' ? naming.organisationKey : naming.familyKey;
    const group = groups.get(key) ?? { key, people: [] };
    group.people.push(naming.person);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The families to add and remove so that a person is correspondent of exactly `wanted`. */
export function familyChanges(current: readonly string[], wanted: readonly string[]): { add: string[]; remove: string[] } {
  const want = new Set(wanted);
  const have = new Set(current);
  return { add: [...want].filter((slug) => !have.has(slug)), remove: [...have].filter((slug) => !want.has(slug)) };
}
