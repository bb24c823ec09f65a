import type { ItemType } from '@skillcert/shared/api/banks';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ArchiveLimits } from '../../lib/archive.ts';

/**
 * QTI 3.0 content packages (IMS Content Package + qti-assessment-item / qti-assessment-test files):
 * the types and the XML plumbing shared by `qti.export.ts` (build) and `qti.import.ts` (parse).
 * Everything here is pure: bytes and plain objects in, bytes and plain objects out.
 */

export interface QtiItem {
  /** e.g. `skc-<uuid>-v<version>`; kept through a round trip. */
  identifier: string;
  type: ItemType;
  stem: string;
  options: { key: string; text: string }[];
  answer: string[];
  referenceAnswer: string | null;
  points: number;
  difficulty: number;
  analysis: string | null;
  rubric: { criteria: { text: string; points: number }[]; vetoes: string[]; durationMinutes?: number | null } | null;
  /** skillcert metadata; null fields when a foreign package lacks them */
  meta: { occupationCode: string | null; level: number | null; areaCode: string | null; pointCode: string | null };
}

/** An assessment test (a paper): item order is paper order, `points` what the item is worth in this paper. */
export interface QtiTest {
  identifier: string;
  title: string;
  items: { identifier: string; points: number }[];
}

export interface QtiError {
  file: string;
  message: string;
}

export interface QtiParseResult {
  items: QtiItem[];
  test: QtiTest | null;
  errors: QtiError[];
  /** Where each item came from: its path in the package (or the uploaded file's name), by identifier. */
  files: Record<string, string>;
  /** The assessment test's path in the package. */
  testFile: string | null;
}

// --- Names and namespaces -------------------------------------------------------------------------------

export const QTI3_NS = 'http://www.imsglobal.org/xsd/imsqtiasi_v3p0';
export const QTI3_XSD = 'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd';
export const CP_NS = 'http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1';
export const CP_XSD = 'https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd';
export const LOM_NS = 'http://ltsc.ieee.org/xsd/LOM';
export const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
/** Our extension namespace for skillcert metadata: `<skc:item>` inside the `<imsmd:lom>` of a resource's `<metadata>`. */
export const SKC_NS = 'https://skillcert.local/qti-ext';
export const MATCH_CORRECT = 'https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml';

export const ITEM_RESOURCE_TYPE = 'imsqti_item_xmlv3p0';
export const TEST_RESOURCE_TYPE = 'imsqti_test_xmlv3p0';

/**
 * Class names our items carry so the import can read them back exactly. `skc-pre` on `qti-item-body` means
 * "text in here is literal": whitespace is kept as written and `<br/>` is a newline (foreign XHTML is read
 * with HTML whitespace rules instead).
 */
export const CLS = {
  pre: 'skc-pre',
  text: 'skc-text',
  heading: 'skc-heading',
  practical: 'skc-practical',
  referenceAnswer: 'skc-reference-answer',
  analysis: 'skc-analysis',
  rubric: 'skc-rubric',
  criteria: 'skc-criteria',
  vetoes: 'skc-vetoes',
  points: 'skc-points',
  /** the number inside `.skc-points` or `.skc-duration` */
  value: 'skc-value',
  duration: 'skc-duration',
} as const;

/** Zip-bomb guard: the archive reader stops at these (real inflated bytes, entries, ratio). */
export const QTI_ZIP_LIMITS: ArchiveLimits = {
  maxEntries: 50_000,
  maxTotalBytes: 200 * 1024 * 1024,
  maxEntryBytes: 50 * 1024 * 1024,
  maxRatio: 300,
};

export const CHOICE_TYPES: readonly ItemType[] = ['single', 'multiple', 'judge'];
export const isChoiceType = (type: ItemType): boolean => CHOICE_TYPES.includes(type);

/** The most an item's own SCORE can be: 1 under match_correct, its points when a scorer marks it. */
export function rawMaximum(item: Pick<QtiItem, 'type' | 'points'>): number {
  return isChoiceType(item.type) || !(item.points > 0) ? 1 : item.points;
}

/** `qti-simple-choice` → `simpleChoice`, `response-identifier` → `responseIdentifier`: QTI 2.1 and 3.0 read alike. */
export function normaliseName(local: string): string {
  const bare = local.startsWith('qti-') ? local.slice(4) : local;
  return bare.replace(/-([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

// --- Writing --------------------------------------------------------------------------------------------

/** A node in fast-xml-parser's `preserveOrder` shape: `{ tag: children, ':@': attributes }` or `{ '#text': … }`. */
export type XmlOut = Record<string, unknown>;
export type Attrs = Record<string, string | number | null | undefined>;

export function el(name: string, attrs: Attrs = {}, children: XmlOut[] = []): XmlOut {
  const node: XmlOut = { [name]: children };
  const present = Object.entries(attrs).filter((e): e is [string, string | number] => e[1] !== null && e[1] !== undefined);
  // a raw tab or newline in an attribute reads back as a space (XML attribute normalisation), so write the space
  if (present.length > 0) node[':@'] = Object.fromEntries(present.map(([k, v]) => [k, cleanXmlText(String(v)).replace(/[\t\n]/g, ' ')]));
  return node;
}

export function txt(text: string): XmlOut {
  return { '#text': text };
}

// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** XML 1.0 cannot carry control characters or lone surrogates; CR and CRLF become LF (as any XML parser would). */
export function cleanXmlText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(NOT_XML_CHAR, '');
}

/** Literal text as XHTML: lines separated by `<br/>` (read back exactly under `skc-pre`). */
export function lines(text: string): XmlOut[] {
  const out: XmlOut[] = [];
  cleanXmlText(text)
    .split('\n')
    .forEach((line, i) => {
      if (i > 0) out.push(el('br'));
      if (line !== '') out.push(txt(line));
    });
  return out;
}

const builder = new XMLBuilder({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', suppressEmptyNode: true });

/** Serialises one document; fast-xml-parser escapes `& < > " '` in text and attributes. */
export function xmlDocument(root: XmlOut): string {
  return builder.build([el('?xml', { version: '1.0', encoding: 'UTF-8' }, [txt('')]), root]) as string;
}

// --- Reading --------------------------------------------------------------------------------------------

/** A parsed element with its namespace resolved and its name and attribute names normalised. */
export interface XNode {
  name: string;
  ns: string;
  attrs: Record<string, string>;
  children: XChild[];
}
export type XChild = XNode | string;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  // decodes numeric character references (&#20013;) and the common HTML entities; no double decoding
  htmlEntities: true,
});

export function parseXml(text: string): { root: XNode } | { error: string } {
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) return { error: `malformed XML (line ${verdict.err.line}): ${verdict.err.msg}` };
  let raw: unknown;
  try {
    raw = parser.parse(text);
  } catch (e) {
    return { error: `malformed XML: ${e instanceof Error ? e.message : String(e)}` };
  }
  const root = toChildren(Array.isArray(raw) ? raw : [], new Map([['xml', 'http://www.w3.org/XML/1998/namespace']])).find(isNode);
  return root ? { root } : { error: 'XML has no root element' };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toChildren(list: unknown[], scope: Map<string, string>): XChild[] {
  const out: XChild[] = [];
  for (const entry of list) {
    if (!isRecord(entry)) continue;
    const rawAttrs = isRecord(entry[':@']) ? entry[':@'] : {};
    for (const [key, value] of Object.entries(entry)) {
      if (key === ':@' || key.startsWith('?') || key.startsWith('!')) continue;
      if (key === '#text') {
        out.push(String(value));
        continue;
      }
      let inner = scope;
      for (const [k, v] of Object.entries(rawAttrs)) {
        if (k === 'xmlns' || k.startsWith('xmlns:')) {
          if (inner === scope) inner = new Map(scope);
          inner.set(k === 'xmlns' ? '' : k.slice(6), String(v));
        }
      }
      const attrs: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const [k, v] of Object.entries(rawAttrs)) {
        if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
        attrs[normaliseName(localName(k))] = String(v);
      }
      const colon = key.indexOf(':');
      out.push({
        name: normaliseName(localName(key)),
        ns: inner.get(colon < 0 ? '' : key.slice(0, colon)) ?? '',
        attrs,
        children: toChildren(Array.isArray(value) ? value : [], inner),
      });
    }
  }
  return out;
}

function localName(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1);
}

export function isNode(c: XChild | undefined): c is XNode {
  return typeof c === 'object';
}

export function elements(node: XNode, name?: string): XNode[] {
  return node.children.filter((c): c is XNode => isNode(c) && (name === undefined || c.name === name));
}

export function firstElement(node: XNode, name: string): XNode | undefined {
  return elements(node, name)[0];
}

/** Descendants in document order; `stop` prunes a subtree (its root is not returned either). */
export function descendants(node: XNode, match: (n: XNode) => boolean, stop?: (n: XNode) => boolean): XNode[] {
  const out: XNode[] = [];
  const walk = (n: XNode) => {
    for (const c of elements(n)) {
      if (stop?.(c)) continue;
      if (match(c)) out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

export function hasClass(node: XNode, cls: string): boolean {
  return (node.attrs.class ?? '').split(/\s+/).includes(cls);
}

export function hasToken(value: string | undefined, token: string): boolean {
  return (value ?? '').split(/\s+/).includes(token);
}

const BLOCKS = new Set([
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'table',
  'thead',
  'tbody',
  'tr',
  'caption',
  'blockquote',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'section',
  'article',
  'figure',
  'figcaption',
  'prompt',
  'contentBody',
]);

/**
 * The text of an element. `exact` (our own items): text as written, `<br/>` a newline. Otherwise XHTML rules:
 * whitespace runs collapse, `<br/>` and block elements break lines, blank lines go. `skip` leaves out subtrees.
 */
export function textOf(node: XNode, exact: boolean, skip?: (n: XNode) => boolean): string {
  const parts: string[] = [];
  const walk = (n: XNode) => {
    for (const c of n.children) {
      if (typeof c === 'string') parts.push(exact ? c : c.replace(/[ \t\r\n\f]+/g, ' '));
      else if (skip?.(c)) continue;
      else if (c.name === 'br') parts.push('\n');
      else if (!exact && BLOCKS.has(c.name)) {
        parts.push('\n');
        walk(c);
        parts.push('\n');
      } else walk(c);
    }
  };
  walk(node);
  const joined = parts.join('');
  if (exact) return joined;
  return joined
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
