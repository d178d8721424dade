/**
 * Which older release a new one may be made from, instead of hard-linking every file of the live release
 * (site/src/render/release-files.ts): pure, over what the publisher remembers of the releases it made.
 *
 * A release directory kept for rollback is, file for file, the live release minus what the releases made since it
 * changed. When every one of those releases said what it changed (incremental and slow-path releases do; a full
 * build rewrites everything and does not), the oldest such release can be renamed into the new one's place and
 * brought level by re-linking just those files: the cost of a release is then the size of the change, not of the
 * territory, and the number of releases kept stays the same.
 */

/** What the publisher remembers of a release it made: the release online when it was made, and what it changed. */
export interface MadeRelease {
  parent: string | null;
  /** Every file that may differ from the parent's (relative paths), or null when unknown (a full build). */
  changed: readonly string[] | null;
}

export interface RecycleChoice {
  id: string;
  /** The files the releases made after it changed, up to and including the live one. */
  changed: string[];
}

/**
 * The oldest complete release from which the live one descends through releases that all said what they changed,
 * or null. None is taken while fewer than `keep` complete releases exist: recycling one must not leave fewer
 * releases to roll back to than pruning would. Releases in `spare` (one the slow path is reading) are never taken.
 */
export function chooseRecycled(
  made: ReadonlyMap<string, MadeRelease>,
  liveId: string,
  complete: readonly string[],
  keep: number,
  spare: ReadonlySet<string> = new Set(),
): RecycleChoice | null {
  if (complete.length < keep) return null;
  const onDisk = new Set(complete);
  const changed: string[] = [];
  const seen = new Set<string>([liveId]);
  let choice: RecycleChoice | null = null;
  for (let id = liveId; ; ) {
    const release = made.get(id);
    if (!release || release.changed === null || release.parent === null || seen.has(release.parent)) break;
    changed.push(...release.changed);
    id = release.parent;
    seen.add(id);
    if (onDisk.has(id) && !spare.has(id)) choice = { id, changed: [...new Set(changed)] };
  }
  return choice;
}

/**
 * Every file the releases made after `ancestor`, up to and including the live one, changed: what a copy of
 * `ancestor` (a spare, made while the publisher was idle) needs re-linked to equal the live release. Empty when the
 * live release is `ancestor`; null when the live release does not descend from it through releases that all said
 * what they changed (a full build since): the copy is of no use.
 */
export function changedSince(made: ReadonlyMap<string, MadeRelease>, liveId: string, ancestor: string): string[] | null {
  const changed: string[] = [];
  const seen = new Set<string>();
  for (let id = liveId; id !== ancestor; ) {
    const release = made.get(id);
    if (!release || release.changed === null || release.parent === null || seen.has(id)) return null;
    seen.add(id);
    changed.push(...release.changed);
    id = release.parent;
  }
  return [...new Set(changed)];
}
