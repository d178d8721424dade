/** A small seeded generator (mulberry32), numbers in [0, 1): the same seed gives the same data on every run. */
export function seededRandom(seed: number): () => number;
