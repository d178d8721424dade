import { CpvType } from '../cpv/cpv.type.js';
import { getCpvCatalogue } from '../reference/cpv-catalogue.js';

/** One view per known code, shared: a page shows the same few codes again and again, and views are never changed. */
const views = new Map<string, CpvType>();

/** Codes are validated on the way in; an unknown one (from an older CPV list) still shows, labelled by its code. */
export function cpvTypeOf(code: string): CpvType {
  const known = views.get(code);
  if (known) return known;
  const entry = getCpvCatalogue().get(code);
  if (!entry) return CpvType.from({ code, code8: code.slice(0, 8), label: code });
  const view = CpvType.from(entry);
  // Keyed by the code as stored, which is the catalogue's own form once validated: the map stays the catalogue's size.
  if (entry.code === code) views.set(code, view);
  return view;
}
