import { foldText } from './text.js';

/**
 * URL-safe identifier from a French name: accents folded, lowercase ASCII letters and digits, single hyphens.
 * "CA Dracénie Provence Verdon Agglomération" → "ca-dracenie-provence-verdon-agglomeration".
 * Returns "" when the text has no letter or digit; callers that need a slug must reject that.
 */
export function slugify(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
