import type { Commune, Notice, Organisation, PurchasingFamily } from '../hub/types.js';
import { NATURE_LABELS, PROCEDURE_LABELS } from '../format/labels.js';
import { FILTER_FACETS, NATURE_SLUGS, PROCEDURE_SLUGS, type FilterFacet, type NoticeFacets } from './filters.js';
import { noteDerived } from './list-lineage.js';
import {
  archivedNotices,
  archivedOrder,
  isListedOpen,
  latestAmongNewest,
  latestPublished,
  newestOrder,
  newestPublishedFirst,
  openNotices,
  openOrder,
  publicationsPlaceable,
} from './lifecycle.js';

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

/** Where `item` goes in `sorted` (ascending by `order`): after every item that sorts before it. */
function insertionPoint<T>(sorted: readonly T[], item: T, order: (a: T, b: T) => number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (order(sorted[middle]!, item) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * `sorted` without the notices `leaving` (the very objects it holds, if it holds them), with `joining` put in place:
 * the list the same sort would give. Each leaving notice is found by identity (a scan of pointers), not every notice
 * of the list tested against a set of references: at 50,000 notices, that test was a twentieth of a publication.
 */
function movedIn(sorted: readonly Notice[], leaving: readonly Notice[], joining: readonly Notice[], order: (a: Notice, b: Notice) => number): Notice[] {
  const list = sorted.slice();
  for (const notice of leaving) {
    const at = list.indexOf(notice);
    if (at >= 0) list.splice(at, 1);
  }
  for (const notice of joining) list.splice(insertionPoint(list, notice, order), 0, notice);
  return list;
}

/** Past this many notices changed over the index of an earlier version, the index is made whole again. */
const MOST_INDEX_CHANGES = 1024;

/**
 * The notices by reference, as an earlier version's index (never changed once made) and the notices changed since
 * (null: gone): a version worked out from the one before copies the changes, not an index of every notice.
 */
class NoticeIndex {
  readonly #base: ReadonlyMap<string, Notice>;
  readonly #changes: ReadonlyMap<string, Notice | null>;

  private constructor(base: ReadonlyMap<string, Notice>, changes: ReadonlyMap<string, Notice | null>) {
    this.#base = base;
    this.#changes = changes;
  }

  static of(notices: readonly Notice[]): NoticeIndex {
    return new NoticeIndex(indexBy(notices, (n) => n.reference, 'notices'), new Map());
  }

  get(reference: string): Notice | undefined {
    const changed = this.#changes.get(reference);
    return changed === undefined ? this.#base.get(reference) : (changed ?? undefined);
  }

  /** This index with the notices `changed` as they are now (null: gone). */
  with(changed: ReadonlyMap<string, Notice | null>): NoticeIndex {
    if (this.#changes.size + changed.size <= MOST_INDEX_CHANGES) {
      const changes = new Map(this.#changes);
      for (const [reference, notice] of changed) changes.set(reference, notice);
      return new NoticeIndex(this.#base, changes);
    }
    const whole = new Map(this.#base);
    for (const changes of [this.#changes, changed]) {
      for (const [reference, notice] of changes) {
        if (notice) whole.set(reference, notice);
        else whole.delete(reference);
      }
    }
    return new NoticeIndex(whole, new Map());
  }
}

/** An instant the sorts can place: a notice without one is left to a full sort. */
const placeable = (value: string | null) => value === null || !Number.isNaN(new Date(value).getTime());

/**
 * At most this many notices moved between two versions (named by the event, or closed by the clock meanwhile) are
 * put in place in the previous version's lists; more, and the lists are sorted again.
 */
const MOST_MOVED = 256;

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
  readonly #noticesByReference: NoticeIndex;
  /** Each notice's facets, by the notice object: shared with the next version while the reference data is the same. */
  readonly #facets: WeakMap<Notice, NoticeFacets>;
  readonly #openWith = new Map<string, Notice[]>();
  /** The archived notices of each facet value (for its feed), latest deadline first: made as `#openWith` is. */
  readonly #archivedWith = new Map<string, Notice[]>();
  readonly #groups = new Map<string, NoticeGroups>();
  readonly #newestFirst = new Map<string, Notice[]>();
  /**
   * Every notice, newest published first, once asked for (null: an instant of publication the sorts cannot place);
   * followed from one version to the next as the other lists are. The home page and the feeds take their latest
   * notices from its first ones.
   */
  #newestAll: Notice[] | null | undefined;
  /** Each facet value's notices, open and archived, newest published first: made from `#newestAll` as `#openWith` is. */
  readonly #newestWith = new Map<string, Notice[]>();
  #facetOptions: Record<FilterFacet, FacetOption[]> | undefined;
  /** The reference data it was made from (to tell whether the next version shares it). */
  readonly #source: Pick<SiteData, 'communes' | 'families' | 'organisations' | 'notices'>;

  /**
   * The read model of `data`. With `previous` (the read model of the version before, the same reference data,
   * and every notice not named in `changed` the same object), the next version is worked out from it and the
   * change: the notices named and those the clock closed meanwhile are taken out of the previous lists and put
   * back in place, and every list they are not in is the previous version's own array. An event then costs the
   * lists it touches, not a sort of every notice; the lists are the ones a read model made from scratch would hold
   * (catalogue.test.ts compares them), and a list kept as the same array tells the pages' caches it did not move.
   * `previous.notices`, when the caller knows them: the notices named in `changed` as `data` holds them (null: gone
   * from it), so the index by reference is the previous one with those changes rather than made again from every
   * notice.
   */
  constructor(data: SiteData, previous?: { catalogue: Catalogue; changed: readonly string[]; notices?: ReadonlyMap<string, Notice | null> }) {
    this.builtAt = data.builtAt;
    this.#source = data;
    const before = previous?.catalogue;
    if (
      before &&
      before.#source.communes === data.communes &&
      before.#source.families === data.families &&
      before.#source.organisations === data.organisations &&
      data.builtAt.getTime() >= before.builtAt.getTime()
    ) {
      this.communes = before.communes;
      this.families = before.families;
      this.organisations = before.organisations;
      this.#communesBySlug = before.#communesBySlug;
      this.#communesByInsee = before.#communesByInsee;
      this.#familiesBySlug = before.#familiesBySlug;
      this.#organisationsBySlug = before.#organisationsBySlug;
      // A notice's facets depend on it and the reference data only: the same object has the same facets.
      this.#facets = before.#facets;
      this.#noticesByReference =
        previous.changed.length === 0 && before.#source.notices === data.notices
          ? before.#noticesByReference
          : previous.notices && previous.changed.every((reference) => previous.notices!.has(reference))
            ? before.#noticesByReference.with(previous.notices)
            : NoticeIndex.of(data.notices);
      const moved = this.#followed(before, new Set(previous.changed));
      if (moved) {
        this.open = moved.open;
        this.archived = moved.archived;
        return;
      }
      this.open = openNotices(data.notices, data.builtAt);
      this.archived = archivedNotices(data.notices, data.builtAt);
      return;
    }
    this.communes = [...data.communes].sort(byName);
    this.families = [...data.families].sort(byName);
    this.organisations = [...data.organisations].sort(byName);
    this.#communesBySlug = indexBy(this.communes, (c) => c.slug, 'communes');
    this.#communesByInsee = indexBy(this.communes, (c) => c.inseeCode, 'communes');
    this.#familiesBySlug = indexBy(this.families, (f) => f.slug, 'purchasing families');
    this.#organisationsBySlug = indexBy(this.organisations, (o) => o.slug, 'organisations');
    this.#facets = new WeakMap();
    this.#noticesByReference = NoticeIndex.of(data.notices);
    this.open = openNotices(data.notices, data.builtAt);
    this.archived = archivedNotices(data.notices, data.builtAt);
  }

  /**
   * The open and archived lists of this version from `before`'s and the change, and the facet, buyer and family
   * lists the change touches; null when too much moved (a full sort is then as cheap, and surely right).
   */
  #followed(before: Catalogue, changed: ReadonlySet<string>): { open: Notice[]; archived: Notice[] } | null {
    const now = this.builtAt.getTime();
    // The clock closes the soonest deadlines: a prefix of the open list, soonest first.
    let passed = 0;
    while (passed < before.open.length && new Date(before.open[passed]!.submissionDeadline).getTime() <= now) passed++;
    if (passed + changed.size > MOST_MOVED) return null;
    // A notice the event names is placed as it is now, not as the clock left it.
    const clockClosed = before.open.slice(0, passed).filter((notice) => !changed.has(notice.reference));
    const leaving = new Set([...changed, ...clockClosed.map((notice) => notice.reference)]);
    const current = [...changed].flatMap((reference) => {
      const notice = this.#noticesByReference.get(reference);
      return notice ? [notice] : [];
    });
    if (current.some((notice) => !placeable(notice.submissionDeadline) || !placeable(notice.publishedAt))) return null;
    if (leaving.size === 0) {
      // Nothing moved (the same notices held again): every list is the previous version's own array.
      for (const [key, list] of before.#openWith) this.#openWith.set(key, list);
      for (const [key, list] of before.#archivedWith) this.#archivedWith.set(key, list);
      for (const [key, list] of before.#newestWith) this.#newestWith.set(key, list);
      this.#newestAll = before.#newestAll;
      for (const [key, group] of before.#groups) this.#groups.set(key, group);
      for (const [key, list] of before.#newestFirst) this.#newestFirst.set(key, list);
      return { open: before.open, archived: before.archived };
    }
    const nowOpen = current.filter((notice) => this.isOpen(notice));
    const nowArchived = [...clockClosed, ...current.filter((notice) => !this.isOpen(notice))];
    // The previous versions of the notices leaving, the objects the previous lists hold.
    const leavingNotices = [...leaving].flatMap((reference) => before.#noticesByReference.get(reference) ?? []);
    const changedNotices = leavingNotices.filter((notice) => changed.has(notice.reference));
    const open = movedIn(before.open.slice(passed), changedNotices, nowOpen, openOrder);
    noteDerived(open, before.open);
    const archived = movedIn(before.archived, leavingNotices, nowArchived, archivedOrder);

    const moved = [...leaving].flatMap((reference) => {
      const versions = [before.#noticesByReference.get(reference), this.#noticesByReference.get(reference)];
      return versions.flatMap((notice, index) => (notice ? [{ notice, facets: index === 0 ? before.facetsOf(notice) : this.facetsOf(notice) }] : []));
    });

    // The facet values the moved notices had or have: their lists again, the other values' lists as they were.
    const touched = new Set(moved.flatMap(({ facets }) => FILTER_FACETS.flatMap((facet) => (facets[facet] === null ? [] : [`${facet}/${facets[facet]}`]))));
    const followFacets = (
      lists: Map<string, Notice[]>,
      previous: ReadonlyMap<string, Notice[]>,
      joining: readonly Notice[],
      order: (a: Notice, b: Notice) => number,
      leaves: readonly Notice[] = leavingNotices,
    ) => {
      if (previous.size === 0) return;
      for (const [key, list] of previous) if (key !== '' && !touched.has(key)) lists.set(key, list);
      for (const key of touched) {
        const [facet, value] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
        const joined = joining.filter((notice) => this.facetsOf(notice)[facet as FilterFacet] === value);
        const was = previous.get(key) ?? [];
        const list = movedIn(was, leaves, joined, order);
        noteDerived(list, was);
        if (list.length > 0) lists.set(key, list);
      }
      if (lists.size === 0) lists.set('', []);
    };
    followFacets(this.#openWith, before.#openWith, nowOpen, openOrder);
    followFacets(this.#archivedWith, before.#archivedWith, nowArchived, archivedOrder);
    // Newest published first: the clock moves no notice there, only the notices the event names.
    if (before.#newestAll) this.#newestAll = movedIn(before.#newestAll, changedNotices, current, newestOrder);
    if (this.#newestAll) followFacets(this.#newestWith, before.#newestWith, current, newestOrder, changedNotices);

    if (before.#groups.size > 0) {
      // The buyers and families of the moved notices, before and after: the moved notices taken out of their
      // groups and put back in place, not every notice partitioned again.
      const owners = new Set(moved.flatMap(({ notice }) => ownerKeys(notice)));
      for (const [key, group] of before.#groups) if (key !== '' && !owners.has(key)) this.#groups.set(key, group);
      for (const [key, list] of before.#newestFirst) if (!owners.has(key)) this.#newestFirst.set(key, list);
      for (const key of owners) {
        const group = before.#groups.get(key) ?? { open: [], past: [] };
        const owned = (notice: Notice) => ownerKeys(notice).includes(key);
        const next = {
          open: movedIn(group.open, leavingNotices, nowOpen.filter(owned), openOrder),
          past: movedIn(group.past, leavingNotices, nowArchived.filter(owned), archivedOrder),
        };
        if (next.open.length > 0 || next.past.length > 0) this.#groups.set(key, next);
        // Its notices newest published first, when made: the notices the event names put in place (a buyer's list
        // was sorted whole again, 12,000 notices for the agglomeration's at 50,000).
        const newest = before.#newestFirst.get(key);
        if (newest && before.#newestAll) this.#newestFirst.set(key, movedIn(newest, changedNotices, current.filter(owned), newestOrder));
      }
      if (this.#groups.size === 0) this.#groups.set('', { open: [], past: [] });
    }
    return { open, archived };
  }

  isOpen(notice: Notice): boolean {
    return isListedOpen(notice, this.builtAt);
  }

  /** Whether this version holds the notice `reference`. */
  has(reference: string): boolean {
    return this.#noticesByReference.get(reference) !== undefined;
  }

  notice(reference: string): Notice {
    const notice = this.#noticesByReference.get(reference);
    if (!notice) throw new Error(`no notice with the slug "${reference}"`);
    return notice;
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
    let facets = this.#facets.get(notice);
    if (!facets) {
      facets = {
        commune: this.communeOf(notice)?.slug ?? null,
        famille: notice.family?.slug ?? null,
        nature: NATURE_SLUGS[notice.nature],
        procedure: PROCEDURE_SLUGS[notice.procedure],
      };
      this.#facets.set(notice, facets);
    }
    return facets;
  }

  /**
   * The open notices of one facet value, soonest deadline first. Every value's list is made in one pass over the
   * open notices, the first time any is asked for (one pass per value cost 50 passes at 10,000 notices).
   */
  openWith(facet: FilterFacet, slug: string): Notice[] {
    if (this.#openWith.size === 0) this.#partition(this.open, this.#openWith);
    return this.#openWith.get(`${facet}/${slug}`) ?? [];
  }

  /**
   * The latest published notices, newest first, as latestPublished picks them: of every notice, of the open ones, or
   * of a facet value's (open and archived) — from the first notices of the lists kept newest published first.
   */
  latestPublished(count: number, selection: 'all' | 'open' | { facet: FilterFacet; slug: string } = 'all'): Notice[] {
    const newest = this.#newest();
    if (newest === null) {
      const among = selection === 'all' ? this.notices : selection === 'open' ? this.open : [...this.openWith(selection.facet, selection.slug), ...this.archivedWith(selection.facet, selection.slug)];
      return latestPublished(among, count);
    }
    if (selection === 'all') return latestAmongNewest(newest, count);
    if (selection === 'open') return latestAmongNewest(newest, count, (notice) => this.isOpen(notice));
    if (this.#newestWith.size === 0) this.#partition(newest, this.#newestWith);
    return latestAmongNewest(this.#newestWith.get(`${selection.facet}/${selection.slug}`) ?? [], count);
  }

  #newest(): Notice[] | null {
    if (this.#newestAll === undefined) {
      const notices = this.notices;
      this.#newestAll = publicationsPlaceable(notices) ? newestPublishedFirst(notices) : null;
    }
    return this.#newestAll;
  }

  /**
   * The archived notices of one facet value, latest deadline first (its feed takes the latest published of them and
   * of its open ones): every value's list made in one pass the first time any is asked for, then followed from one
   * version to the next as the open ones are — not a pass over every archived notice for each feed.
   */
  archivedWith(facet: FilterFacet, slug: string): Notice[] {
    if (this.#archivedWith.size === 0) this.#partition(this.archived, this.#archivedWith);
    return this.#archivedWith.get(`${facet}/${slug}`) ?? [];
  }

  #partition(notices: readonly Notice[], lists: Map<string, Notice[]>): void {
    for (const notice of notices) {
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
  #partitionOwners(only?: ReadonlySet<string>, open: readonly Notice[] = this.open, archived: readonly Notice[] = this.archived): void {
    const groups = this.#groups;
    const add = (key: string, notice: Notice, open: boolean) => {
      if (only && !only.has(key)) return;
      let group = groups.get(key);
      if (!group) {
        group = { open: [], past: [] };
        groups.set(key, group);
      }
      const list = open ? group.open : group.past;
      // A group's coordinator may also be one of its members: listed once.
      if (list.at(-1) !== notice) list.push(notice);
    };
    for (const [notices, isOpen] of [[open, true], [archived, false]] as const) {
      for (const notice of notices) {
        for (const key of ownerKeys(notice)) add(key, notice, isOpen);
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

/** The groups a notice is listed in: its buyer's (a group's notice: every member's too) and its family's. */
function ownerKeys(notice: Notice): string[] {
  return [
    `organisation/${notice.organisation.slug}`,
    // A group's notice is published by its coordinator and listed by every member.
    ...(notice.purchasingGroup?.members ?? []).map((member) => `organisation/${member.slug}`),
    ...(notice.family ? [`family/${notice.family.slug}`] : []),
  ];
}
