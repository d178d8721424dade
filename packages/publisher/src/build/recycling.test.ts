import { describe, expect, it } from 'vitest';
import { changedSince, chooseRecycled, type MadeRelease } from './recycling.js';

const full = (): MadeRelease => ({ parent: null, changed: null });
const incremental = (parent: string, ...changed: string[]): MadeRelease => ({ parent, changed });

describe('choosing the older release a new one is made from', () => {
  it('takes the oldest complete release the live one descends from, with everything changed since', () => {
    const made = new Map([
      ['a', full()],
      ['b', incremental('a', 'index.html', 'avis/x/index.html')],
      ['c', incremental('b', 'index.html', 'avis/y/index.html')],
    ]);
    expect(chooseRecycled(made, 'c', ['a', 'b', 'c'], 3)).toEqual({ id: 'a', changed: ['index.html', 'avis/y/index.html', 'avis/x/index.html'] });
  });

  it('takes none while fewer complete releases exist than are kept for rollback', () => {
    const made = new Map([
      ['a', full()],
      ['b', incremental('a', 'index.html')],
    ]);
    expect(chooseRecycled(made, 'b', ['a', 'b'], 3)).toBeNull();
    expect(chooseRecycled(made, 'b', ['a', 'b'], 2)).toEqual({ id: 'a', changed: ['index.html'] });
  });

  it('never takes a release the slow path is reading: the next oldest instead, with what changed since it', () => {
    const made = new Map([
      ['a', full()],
      ['b', incremental('a', 'index.html', 'avis/x/index.html')],
      ['c', incremental('b', 'index.html', 'avis/y/index.html')],
    ]);
    expect(chooseRecycled(made, 'c', ['a', 'b', 'c'], 3, new Set(['a']))).toEqual({ id: 'b', changed: ['index.html', 'avis/y/index.html'] });
    expect(chooseRecycled(made, 'c', ['a', 'b', 'c'], 3, new Set(['a', 'b']))).toBeNull();
  });

  it('takes none when the live release is a full build: what it changed is unknown', () => {
    const made = new Map([
      ['a', incremental('z', 'index.html')],
      ['b', full()],
    ]);
    expect(chooseRecycled(made, 'b', ['a', 'b', 'z'], 2)).toBeNull();
  });

  it('stops at a full build on the way back: releases before it are not level with anything known', () => {
    const made = new Map([
      ['a', full()],
      ['b', incremental('a', 'one.html')],
      ['c', full()],
      ['d', incremental('c', 'two.html')],
    ]);
    expect(chooseRecycled(made, 'd', ['a', 'b', 'c', 'd'], 3)).toEqual({ id: 'c', changed: ['two.html'] });
  });

  it('takes none for a live release it did not make (a restart, or an operator pointing current elsewhere)', () => {
    const made = new Map([
      ['a', full()],
      ['b', incremental('a', 'index.html')],
    ]);
    expect(chooseRecycled(made, 'x', ['a', 'b', 'x'], 3)).toBeNull();
  });

  it('never takes a release no longer on disk, and stops where the chain leaves what it remembers', () => {
    const made = new Map([
      ['b', incremental('a', 'one.html')],
      ['c', incremental('b', 'two.html')],
      ['d', incremental('c', 'three.html')],
    ]);
    // `a` was pruned; `b` is the oldest still there.
    expect(chooseRecycled(made, 'd', ['b', 'c', 'd'], 3)).toEqual({ id: 'b', changed: ['three.html', 'two.html'] });
  });

  it('follows a rollback: the live release descends from an older one, not from the newest', () => {
    const made = new Map([
      ['a', full()],
      ['b', incremental('a', 'b.html')],
      ['c', incremental('b', 'c.html')],
      // current was pointed back at b, then d was made from it
      ['d', incremental('b', 'd.html')],
    ]);
    expect(chooseRecycled(made, 'd', ['a', 'b', 'c', 'd'], 3)).toEqual({ id: 'a', changed: ['d.html', 'b.html'] });
  });

  it('does not loop on a cycle in what it remembers', () => {
    const made = new Map([
      ['a', incremental('b', 'a.html')],
      ['b', incremental('a', 'b.html')],
    ]);
    expect(chooseRecycled(made, 'a', ['a', 'b'], 2)).toEqual({ id: 'b', changed: ['a.html'] });
  });
});

describe('what a copy of an earlier release needs to equal the live one', () => {
  it('is nothing when the copy is of the live release', () => {
    expect(changedSince(new Map([['a', full()]]), 'a', 'a')).toEqual([]);
  });

  it('is every file the releases made since changed', () => {
    const made = new Map([
      ['a', full()],
      ['b', incremental('a', 'index.html', 'avis/x/index.html')],
      ['c', incremental('b', 'index.html', 'avis/y/index.html')],
    ]);
    expect(changedSince(made, 'c', 'a')).toEqual(['index.html', 'avis/y/index.html', 'avis/x/index.html']);
    expect(changedSince(made, 'c', 'b')).toEqual(['index.html', 'avis/y/index.html']);
  });

  it('is unknown when a full build was made since, or the copy is of another line of releases', () => {
    const made = new Map([
      ['a', full()],
      ['b', incremental('a', 'index.html')],
      ['c', full()],
      ['d', incremental('c', 'index.html')],
    ]);
    expect(changedSince(made, 'd', 'a')).toBeNull();
    expect(changedSince(made, 'd', 'b')).toBeNull();
    expect(changedSince(made, 'b', 'z')).toBeNull();
  });
});
