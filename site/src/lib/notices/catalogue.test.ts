import { describe, expect, it } from 'vitest';
import {
  DRACENIE,
  LE_MUY,
  LORGUES,
  LORGUES_BUYER,
  aNotice,
  anAwardedNotice,
  siteData,
} from '../test-support/builders.js';
import type { Notice } from '../hub/types.js';
import { Catalogue } from './catalogue.js';
import { latestPublished } from './lifecycle.js';

const inLorgues = aNotice({
  reference: '2026-LOR-0001',
  organisation: LORGUES_BUYER,
  submissionDeadline: '2026-12-20T11:00:00Z',
});
const atLeMuy = aNotice({
  reference: '2026-DRA-0002',
  placeOfPerformance: { inseeCode: LE_MUY.inseeCode, name: LE_MUY.name, slug: LE_MUY.slug },
  nature: 'WORKS',
  family: { slug: 'batiment', name: 'Bâtiment' },
  submissionDeadline: '2026-12-10T11:00:00Z',
});
const everywhere = aNotice({ reference: '2026-DRA-0003', submissionDeadline: '2026-12-15T11:00:00Z' });
const awarded = anAwardedNotice({ reference: '2026-DRA-0004', organisation: LORGUES_BUYER });
const catalogue = new Catalogue(siteData([inLorgues, atLeMuy, everywhere, awarded]));

describe('the site catalogue', () => {
  it('splits open and archived notices', () => {
    expect(catalogue.open.map((n) => n.reference)).toEqual(['2026-DRA-0002', '2026-DRA-0003', '2026-LOR-0001']);
    expect(catalogue.archived.map((n) => n.reference)).toEqual(['2026-DRA-0004']);
  });

  it('places a notice in its place of performance, else in the commune that buys, else nowhere', () => {
    expect(catalogue.communeOf(atLeMuy)?.slug).toBe('le-muy');
    expect(catalogue.communeOf(inLorgues)?.slug).toBe('lorgues');
    expect(catalogue.communeOf(everywhere)).toBeNull();
  });

  it('gives each notice its facet values', () => {
    expect(catalogue.facetsOf(atLeMuy)).toEqual({
      commune: 'le-muy',
      famille: 'batiment',
      nature: 'travaux',
      procedure: 'procedure-adaptee',
    });
  });

  it('counts open notices per facet value, listing values with none', () => {
    const options = catalogue.facetOptions();
    expect(options.commune).toEqual([
      { slug: 'le-muy', label: 'Le Muy', openCount: 1 },
      { slug: 'lorgues', label: 'Lorgues', openCount: 1 },
    ]);
    expect(options.nature.find((o) => o.slug === 'services')?.openCount).toBe(2);
    expect(options.procedure).toHaveLength(6);
    expect(catalogue.facetLabel('famille', 'espaces-verts')).toBe('Espaces verts');
  });

  it('groups notices per buyer and per family, open and past', () => {
    const lorgues = catalogue.noticesOfOrganisation('lorgues');
    expect(lorgues.open.map((n) => n.reference)).toEqual(['2026-LOR-0001']);
    expect(lorgues.past.map((n) => n.reference)).toEqual(['2026-DRA-0004']);
    expect(catalogue.noticesOfFamily('batiment').open.map((n) => n.reference)).toEqual(['2026-DRA-0002']);
  });

  it('finds things by slug and fails loudly on an unknown one', () => {
    expect(catalogue.commune('lorgues')).toEqual(LORGUES);
    expect(catalogue.organisation(DRACENIE.slug).name).toBe(DRACENIE.name);
    expect(catalogue.notice('2026-DRA-0003')).toBe(everywhere);
    expect(() => catalogue.commune('paris')).toThrow(/paris/);
    expect(() => catalogue.notice('2026-XXX-0001')).toThrow(/2026-XXX-0001/);
  });

  it('sorts communes by French name order', () => {
    expect(catalogue.communes.map((c) => c.name)).toEqual(['Le Muy', 'Lorgues']);
  });

  it('refuses data where two notices share a reference', () => {
    expect(() => new Catalogue(siteData([inLorgues, { ...inLorgues }]))).toThrow(/two notices/);
  });
});

describe('the read model of the next version, worked out from the previous one and the change', () => {
  const HOUR = 3_600_000;
  const start = Date.parse('2026-12-01T09:00:00Z');
  /** xorshift: the same events at every run. */
  let state = 20261207;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4_294_967_296;
  };
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const natures = ['SERVICES', 'WORKS', 'SUPPLIES'] as const;
  const families = [{ slug: 'espaces-verts', name: 'Espaces verts' }, { slug: 'batiment', name: 'Bâtiment' }, null];
  const places = [null, { inseeCode: LORGUES.inseeCode, name: LORGUES.name, slug: LORGUES.slug }, { inseeCode: LE_MUY.inseeCode, name: LE_MUY.name, slug: LE_MUY.slug }];
  const made = (index: number): Notice => {
    const open = random() < 0.7;
    const deadline = open ? start + Math.floor(random() * 400) * HOUR : start - Math.floor(random() * 4000) * HOUR;
    return aNotice({
      reference: `2026-T-${String(index).padStart(5, '0')}`,
      organisation: random() < 0.5 ? DRACENIE : LORGUES_BUYER,
      nature: pick(natures),
      family: pick(families),
      placeOfPerformance: pick(places),
      // Some deadlines shared, to try the ties.
      submissionDeadline: new Date(deadline - (deadline % (6 * HOUR))).toISOString(),
      publishedAt: new Date(deadline - 35 * 24 * HOUR + Math.floor(random() * 3) * HOUR).toISOString(),
      status: open ? 'PUBLISHED' : pick(['CLOSED', 'AWARDED', 'CANCELLED'] as const),
      isOpen: open,
    });
  };

  /** Every list a page asks for, so that the read model has made them (as a release's pages do). */
  const lists = (catalogue: Catalogue) => {
    const refs = (notices: readonly Notice[]) => notices.map((notice) => notice.reference);
    const options = catalogue.facetOptions();
    return {
      open: refs(catalogue.open),
      archived: refs(catalogue.archived),
      facets: Object.fromEntries(
        (Object.keys(options) as (keyof typeof options)[]).flatMap((facet) =>
          options[facet].map((option) => [`${facet}/${option.slug}`, [option.openCount, refs(catalogue.openWith(facet, option.slug)), refs(catalogue.archivedWith(facet, option.slug))]]),
        ),
      ),
      latest: [refs(catalogue.latestPublished(50)), refs(catalogue.latestPublished(5, 'open'))],
      latestOf: Object.fromEntries(
        (Object.keys(options) as (keyof typeof options)[]).flatMap((facet) => options[facet].map((option) => [`${facet}/${option.slug}`, refs(catalogue.latestPublished(7, { facet, slug: option.slug }))])),
      ),
      owners: Object.fromEntries([
        ...catalogue.organisations.map((o) => [o.slug, [refs(catalogue.organisationList(o.slug)), refs(catalogue.noticesOfOrganisation(o.slug).open), refs(catalogue.noticesOfOrganisation(o.slug).past)]]),
        ...catalogue.families.map((f) => [f.slug, [refs(catalogue.familyList(f.slug)), refs(catalogue.noticesOfFamily(f.slug).open)]]),
      ]),
    };
  };

  it('holds the lists a read model made from scratch holds, after every kind of event and as the clock closes deadlines', () => {
    let notices = Array.from({ length: 600 }, (_, index) => made(index));
    let data = { ...siteData(notices, new Date(start)) };
    let catalogue = new Catalogue(data);
    lists(catalogue);
    let next = 600;
    const done: string[] = [];
    for (let step = 0; step < 60; step++) {
      const draw = random();
      const opened = catalogue.open;
      let changed: Notice[];
      let gone: string[] = [];
      if (draw < 0.3 || opened.length === 0) {
        const published = { ...made(next++), status: 'PUBLISHED' as const, isOpen: true, submissionDeadline: new Date(data.builtAt.getTime() + Math.floor(random() * 600) * HOUR).toISOString() };
        changed = [published];
        done.push('publish');
      } else if (draw < 0.5) {
        const notice = pick(opened);
        changed = [{ ...notice, title: `${notice.title} (corrigé)`, submissionDeadline: new Date(Date.parse(notice.submissionDeadline) + Math.floor(random() * 200) * HOUR).toISOString() }];
        done.push('move deadline');
      } else if (draw < 0.6) {
        const notice = pick(opened);
        changed = [{ ...notice, nature: pick(natures), family: pick(families), placeOfPerformance: pick(places) }];
        done.push('change facets');
      } else if (draw < 0.75) {
        changed = [{ ...pick(opened), status: 'CANCELLED', isOpen: false }];
        done.push('cancel');
      } else if (draw < 0.85) {
        const archived = catalogue.archived.filter((notice) => notice.status === 'CLOSED');
        changed = archived.length > 0 ? [{ ...pick(archived), status: 'AWARDED' }] : [];
        done.push('award');
      } else {
        // Two notices in one release, one of them named but gone from the hub.
        changed = [{ ...pick(opened), title: 'Autre intitulé' }];
        gone = [pick(catalogue.archived.length > 0 ? catalogue.archived : opened).reference];
        done.push('two, one gone');
      }
      const named = [...changed.map((notice) => notice.reference), ...gone];
      notices = [...notices.filter((notice) => !named.includes(notice.reference)), ...changed];
      // The clock moves between releases: some deadlines pass.
      data = { ...data, notices, builtAt: new Date(data.builtAt.getTime() + Math.floor(random() * 30) * HOUR) };
      // Every other step the caller names the changed notices as they are now, as the site's renderer does.
      const now = new Map<string, Notice | null>([...changed.map((notice) => [notice.reference, notice] as const), ...gone.map((reference) => [reference, null] as const)]);
      const worked = new Catalogue(data, { catalogue, changed: named, ...(step % 2 === 0 ? { notices: now } : {}) });
      const scratch = new Catalogue(data);
      expect(lists(worked), `step ${step}: ${done.join(', ')}`).toEqual(lists(scratch));
      // The latest published, as picked by a pass over every notice.
      expect(worked.latestPublished(50)).toEqual(latestPublished(notices, 50));
      expect(worked.latestPublished(5, 'open')).toEqual(latestPublished(worked.open, 5));
      expect(worked.latestPublished(7, { facet: 'nature', slug: 'travaux' })).toEqual(latestPublished(notices.filter((notice) => notice.nature === 'WORKS'), 7));
      for (const notice of notices) expect(worked.notice(notice.reference)).toBe(notice);
      for (const reference of gone) expect(worked.has(reference)).toBe(false);
      catalogue = worked;
    }
    // The clock closed some notices, and each kind of event happened.
    expect(new Set(done).size).toBe(6);
    expect(catalogue.archived.length).toBeGreaterThan(200);
  });

  it('keeps as the same arrays the lists the change does not touch', () => {
    const notices = Array.from({ length: 300 }, (_, index) => made(index));
    const data = siteData(notices, new Date(start));
    const before = new Catalogue(data);
    lists(before);
    const notice = before.open.find((candidate) => candidate.organisation.slug === LORGUES_BUYER.slug && candidate.nature === 'WORKS')!;
    const corrected = { ...notice, title: 'Intitulé corrigé' };
    const after = new Catalogue({ ...data, notices: notices.map((n) => (n === notice ? corrected : n)) }, { catalogue: before, changed: [notice.reference] });
    expect(after.openWith('nature', 'services')).toBe(before.openWith('nature', 'services'));
    expect(after.openWith('nature', 'travaux')).not.toBe(before.openWith('nature', 'travaux'));
    expect(after.organisationList(DRACENIE.slug)).toBe(before.organisationList(DRACENIE.slug));
    expect(after.organisationList(LORGUES_BUYER.slug)).toContain(corrected);
  });

  it('finds every notice by its reference when more notices changed than its index keeps apart from the previous one', () => {
    const notices = Array.from({ length: 1500 }, (_, index) => made(index));
    const data = siteData(notices, new Date(start));
    const before = new Catalogue(data);
    const changed = notices.slice(0, 1100).map((notice) => ({ ...notice, title: `${notice.title} (corrigé)` }));
    const gone = notices[1200]!.reference;
    const now = [...changed, ...notices.slice(1100).filter((notice) => notice.reference !== gone)];
    const named = [...changed.map((notice) => notice.reference), gone];
    const after = new Catalogue({ ...data, notices: now }, { catalogue: before, changed: named, notices: new Map([...changed.map((notice) => [notice.reference, notice] as const), [gone, null]]) });
    for (const notice of now) expect(after.notice(notice.reference)).toBe(notice);
    expect(after.has(gone)).toBe(false);
    expect(before.notice(notices[0]!.reference)).toBe(notices[0]);
    expect(lists(after)).toEqual(lists(new Catalogue({ ...data, notices: now })));
  });

  it('keeps every list as the same array when the same data is held again with no change (the slow path’s release)', () => {
    const notices = Array.from({ length: 300 }, (_, index) => made(index));
    const data = siteData(notices, new Date(start));
    const before = new Catalogue(data);
    lists(before);
    const again = new Catalogue(data, { catalogue: before, changed: [] });
    expect(again.open).toBe(before.open);
    expect(again.archived).toBe(before.archived);
    expect(again.openWith('nature', 'travaux')).toBe(before.openWith('nature', 'travaux'));
    expect(again.organisationList(DRACENIE.slug)).toBe(before.organisationList(DRACENIE.slug));
    expect(again.notice(notices[0]!.reference)).toBe(notices[0]);
    expect(lists(again)).toEqual(lists(before));
  });
});
