import type { Commune, Notice, Organisation, PurchasingFamily } from '../hub/types.js';
import { NATURE_LABELS, PROCEDURE_LABELS } from '../format/labels.js';
import { FILTER_FACETS, NATURE_SLUGS, PROCEDURE_SLUGS, type FilterFacet, type NoticeFacets } from './filters.js';
import { archivedNotices, isListedOpen, newestPublishedFirst, openNotices } from './lifecycle.js';

/** Everything public the hub holds, read once per build. */
export interface SiteData {
  builtAt: Date;
  notices: Notice[];
  organisations: Organisation[];
  communes: Commune[];
  families: PurchasingFamily[];
}

export interface FacetOption {
  slug: string;
  label: string;
  /** open notices with this value */
  openCount: number;
}

export interface NoticeGroups {
  open: Notice[];
  past: Notice[];
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const byName = <T extends { name: string }>(a: T, b: T) => collator.compare(a.name, b.name);

function indexBy<T, K>(items: readonly T[], key: (item: T) => K, what: string): Map<K, T> {
  const map = new Map<K, T>();
  for (const item of items) {
    const k = key(item);
    if (map.has(k)) throw new Error(`the hub returned two ${what} with the key ${String(k)}`);
    map.set(k, item);
  }
  return map;
}

function lookup<T>(map: ReadonlyMap<string, T>, slug: string, what: string): T {
  const found = map.get(slug);
  if (!found) throw new Error(`no ${what} with the slug "${slug}"`);
  return found;
}

/** The site's read model: open and past notices, grouped and indexed the way pages need them. */
export class Catalogue {
  readonly builtAt: Date;
  readonly open: Notice[];
  readonly archived: Notice[];
  readonly communes: Commune[];
  readonly families: PurchasingFamily[];
  readonly organisations: Organisation[];
  readonly #communesBySlug: Map<string, Commune>;
  readonly #communesByInsee: Map<string, Commune>;
  readonly #familiesBySlug: Map<string, PurchasingFamily>;
  readonly #organisationsBySlug: Map<string, Organisation>;
  readonly #noticesByReference: Map<string, Notice>;
  readonly #facets = new Map<string, NoticeFacets>();
  readonly #openWith = new Map<string, Notice[]>();
  readonly #groups = new Map<string, NoticeGroups>();
  readonly #newestFirst = new Map<string, Notice[]>();
  #facetOptions: Record<FilterFacet, FacetOption[]> | undefined;

  constructor(data: SiteData) {
    this.builtAt = data.builtAt;
    this.communes = [...data.communes].sort(byName);
    this.families = [...data.families].sort(byName);
    this.organisations = [...data.organisations].sort(byName);
    this.#communesBySlug = indexBy(this.communes, (c) => c.slug, 'communes');
    this.#communesByInsee = indexBy(this.communes, (c) => c.inseeCode, 'communes');
    this.#familiesBySlug = indexBy(this.families, (f) => f.slug, 'purchasing families');
    this.#organisationsBySlug = indexBy(this.organisations, (o) => o.slug, 'organisations');
    this.#noticesByReference = indexBy(data.notices, (n) => n.reference, 'notices');
    this.open = openNotices(data.notices, data.builtAt);
    this.archived = archivedNotices(data.notices, data.builtAt);
  }

  isOpen(notice: Notice): boolean {
    return isListedOpen(notice, this.builtAt);
  }

  notice(reference: string): Notice {
    return lookup(this.#noticesByReference, reference, 'notice');
  }

  get notices(): Notice[] {
    return [...this.open, ...this.archived];
  }

  commune(slug: string): Commune {
    return lookup(this.#communesBySlug, slug, 'commune');
  }

  family(slug: string): PurchasingFamily {
    return lookup(this.#familiesBySlug, slug, 'purchasing family');
  }

  organisation(slug: string): Organisation {
    return lookup(this.#organisationsBySlug, slug, 'organisation');
  }

  /**
   * The commune a notice concerns: where it is performed, else the commune that buys. An agglomeration-wide notice
   * with no place of performance belongs to no single commune.
   */
  communeOf(notice: Notice): Commune | null {
    const place = notice.placeOfPerformance?.inseeCode ?? null;
    if (place) return this.#communesByInsee.get(place) ?? null;
    if (notice.organisation.kind === 'COMMUNE' && notice.organisation.inseeCode) {
      return this.#communesByInsee.get(notice.organisation.inseeCode) ?? null;
    }
    return null;
  }

  facetsOf(notice: Notice): NoticeFacets {
    let facets = this.#facets.get(notice.reference);
    if (!facets) {
      facets = {
        commune: this.communeOf(notice)?.slug ?? null,
        famille: notice.family?.slug ?? null,
        nature: NATURE_SLUGS[notice.nature],
        procedure: PROCEDURE_SLUGS[notice.procedure],
      };
      this.#facets.set(notice.reference, facets);
    }
    return facets;
  }

  /**
   * The open notices of one facet value, soonest deadline first. Every value's list is made in one pass over the
   * open notices, the first time any is asked for (one pass per value cost 50 passes at 10,000 notices).
   */
  openWith(facet: FilterFacet, slug: string): Notice[] {
    if (this.#openWith.size === 0) this.#partitionOpen();
    return this.#openWith.get(`${facet}/${slug}`) ?? [];
  }

  #partitionOpen(): void {
    const lists = this.#openWith;
    for (const notice of this.open) {
      const facets = this.facetsOf(notice);
      for (const facet of FILTER_FACETS) {
        const value = facets[facet];
        if (value === null) continue;
        const key = `${facet}/${value}`;
        const list = lists.get(key);
        if (list) list.push(notice);
        else lists.set(key, [notice]);
      }
    }
    // Marks the partition made, also when nothing is open.
    if (lists.size === 0) lists.set('', []);
  }

  /** Every value of every facet, with its label and number of open notices; empty values stay listed. */
  facetOptions(): Record<FilterFacet, FacetOption[]> {
    this.#facetOptions ??= this.#buildFacetOptions();
    return this.#facetOptions;
  }

  #buildFacetOptions(): Record<FilterFacet, FacetOption[]> {
    const count = (facet: FilterFacet, slug: string) => this.openWith(facet, slug).length;
    const options = {
      commune: this.communes.map((c) => ({ slug: c.slug, label: c.name })),
      famille: this.families.map((f) => ({ slug: f.slug, label: f.name })),
      nature: Object.entries(NATURE_SLUGS).map(([value, slug]) => ({
        slug,
        label: NATURE_LABELS[value as keyof typeof NATURE_LABELS],
      })),
      procedure: Object.entries(PROCEDURE_SLUGS).map(([value, slug]) => ({
        slug,
        label: PROCEDURE_LABELS[value as keyof typeof PROCEDURE_LABELS],
      })),
    };
    return Object.fromEntries(
      FILTER_FACETS.map((facet) => [facet, options[facet].map((o) => ({ ...o, openCount: count(facet, o.slug) }))]),
    ) as Record<FilterFacet, FacetOption[]>;
  }

  facetLabel(facet: FilterFacet, slug: string): string {
    const option = this.facetOptions()[facet].find((o) => o.slug === slug);
    if (!option) throw new Error(`no ${facet} with the slug "${slug}"`);
    return option.label;
  }

  /**
   * Every buyer's and every family's notices, open and past, made in one pass over the notices the first time any is
   * asked for (one pass per buyer and per family cost 60 passes at 10,000 notices, in every release).
   */
  #partitionOwners(): void {
    const groups = this.#groups;
    const add = (key: string, notice: Notice, open: boolean) => {
      let group = groups.get(key);
      if (!group) {
        group = { open: [], past: [] };
        groups.set(key, group);
      }
      const list = open ? group.open : group.past;
      // A group's coordinator may also be one of its members: listed once.
      if (list.at(-1) !== notice) list.push(notice);
    };
    for (const [notices, open] of [[this.open, true], [this.archived, false]] as const) {
      for (const notice of notices) {
        add(`organisation/${notice.organisation.slug}`, notice, open);
        // A group's notice is published by its coordinator and listed by every member.
        for (const member of notice.purchasingGroup?.members ?? []) add(`organisation/${member.slug}`, notice, open);
        if (notice.family) add(`family/${notice.family.slug}`, notice, open);
      }
    }
    // Marks the partition made, also when there is no notice.
    if (groups.size === 0) groups.set('', { open: [], past: [] });
  }

  #owned(key: string): NoticeGroups {
    if (this.#groups.size === 0) this.#partitionOwners();
    return this.#groups.get(key) ?? { open: [], past: [] };
  }

  noticesOfOrganisation(slug: string): NoticeGroups {
    return this.#owned(`organisation/${slug}`);
  }

  noticesOfFamily(slug: string): NoticeGroups {
    return this.#owned(`family/${slug}`);
  }

  /** A buyer's notices, open and past, newest published first (computed once: every page of the list asks). */
  organisationList(slug: string): Notice[] {
    return this.#newestPublished(`organisation/${slug}`, () => this.noticesOfOrganisation(slug));
  }

  /** A family's notices, open and past, newest published first. */
  familyList(slug: string): Notice[] {
    return this.#newestPublished(`family/${slug}`, () => this.noticesOfFamily(slug));
  }

  #newestPublished(key: string, groups: () => NoticeGroups): Notice[] {
    let list = this.#newestFirst.get(key);
    if (!list) {
      const { open, past } = groups();
      list = newestPublishedFirst([...open, ...past]);
      this.#newestFirst.set(key, list);
    }
    return list;
  }
}
