/**
 * Every character XML 1.0 does not allow in a document (its `Char` production): the C0 controls other than tab,
 * line feed and carriage return (NUL, BEL, ESC, VT, FF…), unpaired surrogates, U+FFFE and U+FFFF. Not even a
 * character reference may name them, so a feed that contains one is not XML at all and readers reject it whole.
 */
const NOT_XML_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * A serialized XML document (or iCalendar text, whose grammar forbids the same controls) with the characters it may
 * not hold removed. The hub refuses such characters in what staff type, but older records, imports and other hubs
 * may still hold some: one stray BEL in a title must not break every feed. Every feed, calendar and sitemap the
 * site writes goes through here, after serialisation, so no field can be forgotten.
 */
export function xmlDocument(serialized: string): string {
  return serialized.replace(NOT_XML_CHARACTER, '');
}

const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/** Text for an XML element or attribute value we write by hand (the sitemap). */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => XML_ENTITIES[c] as string);
}
