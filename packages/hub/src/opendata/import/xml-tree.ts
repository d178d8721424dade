import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';
import { BrokenRecordError, type ProgressListener } from './imported-notice.js';

/** An XML element with local names (prefixes dropped: BOAMP, TED and eForms never reuse a local name ambiguously). */
export interface XmlElement {
  name: string;
  attributes: Readonly<Record<string, string>>;
  children: XmlElement[];
  /** Text directly inside the element. */
  text: string;
  /** Text and child elements in document order (TED writes `m<FT TYPE="SUP">2</FT>` inside paragraphs). */
  content: Array<string | XmlElement>;
  line: number;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Reads one XML notice into a tree. A BOAMP or TED file holds one notice of some tens of kilobytes, so the tree is
 * small; saxes reads it as a stream and reports a malformed or truncated file with its line and column.
 */
export async function readXmlTree(file: string, onProgress: ProgressListener): Promise<XmlElement> {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= new BrokenRecordError(`line ${parser.line}, column ${parser.column}`, `XML is not well-formed: ${error.message.replace(/^.*?:\d+:\d+: /, '')}`);
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(tag.attributes)) attributes[localName(key)] = String(value);
    const element: XmlElement = { name: localName(tag.name), attributes, children: [], text: '', content: [], line: parser.line };
    const parent = stack.at(-1);
    parent?.children.push(element);
    parent?.content.push(element);
    root ??= element;
    stack.push(element);
  });
  const addText = (text: string) => {
    const current = stack.at(-1);
    if (!current) return;
    current.text += text;
    current.content.push(text);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    stack.pop();
  });
  let bytes = 0;
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 })) {
    bytes += Buffer.byteLength(chunk as string);
    parser.write(chunk as string);
    onProgress(bytes);
    if (failure) throw failure;
  }
  parser.close();
  if (failure) throw failure;
  if (!root) throw new BrokenRecordError('line 1', 'the file holds no XML element');
  return root;
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((candidate) => candidate.name === name);
}

export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element ? element.children.filter((candidate) => candidate.name === name) : [];
}

/** The element at a slash-separated path of local names, e.g. `DONNEES/OBJET/CPV/PRINCIPAL`. */
export function at(element: XmlElement | undefined, path: string): XmlElement | undefined {
  return path.split('/').reduce<XmlElement | undefined>((current, name) => child(current, name), element);
}

export function all(element: XmlElement | undefined, path: string): XmlElement[] {
  const names = path.split('/');
  let current: XmlElement[] = element ? [element] : [];
  for (const name of names) current = current.flatMap((item) => children(item, name));
  return current;
}

/** Every text inside the element, paragraphs joined by a line break, spaces collapsed. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  const parts: string[] = [];
  const visit = (node: XmlElement) => {
    if (node.name === 'P' && parts.length) parts.push('\n');
    for (const part of node.content) {
      if (typeof part === 'string') parts.push(part);
      else visit(part);
    }
  };
  visit(element);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

export function textAt(element: XmlElement | undefined, path: string): string {
  return textOf(at(element, path));
}

/** Whether an empty flag element such as `<OUI/>` is present at the path. */
export function has(element: XmlElement | undefined, path: string): boolean {
  return at(element, path) !== undefined;
}

/** The names of the child elements: BOAMP encodes choices as empty elements (`<NATURE><ATTRIBUTION/></NATURE>`). */
export function flags(element: XmlElement | undefined): string[] {
  return element ? element.children.map((item) => item.name) : [];
}
