import { ITEM_TYPES, type ItemType, OPTION_KEYS } from '@skillcert/shared/api/banks';
import type { Locale } from '../../context.ts';
import { archiveRefusalMessage, readZip as readArchive } from '../../lib/archive.ts';
import { bankMessage } from '../items/items.messages.ts';
import {
  CLS,
  QTI_ZIP_LIMITS,
  type QtiError,
  type QtiItem,
  type QtiParseResult,
  type QtiTest,
  SKC_NS,
  type XNode,
  descendants,
  elements,
  firstElement,
  hasClass,
  hasToken,
  isChoiceType,
  parseXml,
  rawMaximum,
  textOf,
} from './qti.ts';

/**
 * Reads a QTI content package (zip) or a single bare item XML file, QTI 3.0 or 2.1. Never throws: whatever
 * cannot be read becomes an entry in `errors` (file + message in `locale`) and the rest is still returned.
 * Element and attribute names are normalised first (`qti-simple-choice` and `simpleChoice` both read as
 * `simpleChoice`), so one reader serves both versions.
 */
export function parseQtiPackage(bytes: Uint8Array, locale: Locale = 'zh-CN', filename?: string): QtiParseResult {
  const name = filename?.trim() || upload(locale);
  try {
    return isZip(bytes) ? readPackage(bytes, locale, name) : readBareXml(bytes, locale, name);
  } catch (e) {
    return fail(name, bankMessage(locale, 'qti.unreadable', { detail: messageOf(e) }));
  }
}

/** The file name errors about the upload as a whole carry when the upload names none. */
const upload = (locale: Locale) => bankMessage(locale, 'qti.uploadedFile');

function fail(file: string, message: string): QtiParseResult {
  return { items: [], test: null, errors: [{ file, message }], files: {}, testFile: null };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// --- Bytes ----------------------------------------------------------------------------------------------

/** Local file header or (empty archive) end-of-central-directory signature. */
function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
}

/** UTF-8 by default; a BOM or the XML declaration's `encoding` (GBK, GB18030, UTF-16 …) says otherwise. */
function decodeXml(bytes: Uint8Array, locale: Locale): { text: string } | { error: string } {
  let label = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [label, start] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [label, start] = ['utf-16be', 2];
  else {
    const head = String.fromCharCode(...bytes.subarray(0, 200));
    const declared = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
    if (declared) label = declared.toLowerCase();
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return { error: bankMessage(locale, 'qti.encoding', { encoding: label }) };
  }
  let text: string;
  try {
    text = decoder.decode(bytes.subarray(start));
  } catch {
    return { error: bankMessage(locale, 'qti.notQti') };
  }
  return /^\s*</.test(text) ? { text } : { error: bankMessage(locale, 'qti.notQti') };
}

function readXmlFile(bytes: Uint8Array, locale: Locale): { root: XNode } | { error: string } {
  const decoded = decodeXml(bytes, locale);
  if ('error' in decoded) return decoded;
  const parsed = parseXml(decoded.text);
  return 'error' in parsed ? { error: bankMessage(locale, 'qti.xml', { detail: parsed.error }) } : parsed;
}

/**
 * The package's XML entries, inflated by the one archive reader (real bytes counted, stopped at the limits; a lying
 * header cannot make an entry grow beyond what is counted).
 */
function readZip(bytes: Uint8Array, locale: Locale): { files: Map<string, Uint8Array> } | { error: string } {
  const read = readArchive(bytes, QTI_ZIP_LIMITS, (name) => /\.xml$/i.test(name));
  if (!read.ok) {
    const r = read.refusal;
    return { error: r.reason === 'corrupt' ? bankMessage(locale, 'qti.badZip', { detail: r.detail }) : archiveRefusalMessage(r, locale) };
  }
  const files = new Map<string, Uint8Array>();
  for (const { path: name, data } of read.entries) {
    const path = resolvePath('', name);
    if (path !== null) files.set(path, data);
  }
  return { files };
}

/** `href` relative to the folder `base` ("" for the package root); null when it leaves the package or is a URL. */
function resolvePath(base: string, href: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return null;
  let path = href.split(/[?#]/)[0] ?? '';
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep it as written
  }
  path = path.replace(/\\/g, '/');
  const parts = path.startsWith('/') ? [] : base.split('/').filter((s) => s !== '');
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') parts.push(segment);
    else if (parts.pop() === undefined) return null;
  }
  return parts.join('/');
}

function dirOf(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

// --- Package --------------------------------------------------------------------------------------------

function readBareXml(bytes: Uint8Array, locale: Locale, name: string): QtiParseResult {
  const parsed = readXmlFile(bytes, locale);
  if ('error' in parsed) return fail(name, parsed.error);
  const { root } = parsed;
  if (root.name === 'assessmentItem') {
    const result = readItem(root, null, locale);
    return 'error' in result
      ? fail(name, result.error)
      : { items: [result.item], test: null, errors: [], files: { [result.item.identifier]: name }, testFile: null };
  }
  if (root.name === 'manifest' || root.name === 'assessmentTest') {
    return fail(name, bankMessage(locale, root.name === 'manifest' ? 'qti.loneManifest' : 'qti.loneTest'));
  }
  return fail(name, bankMessage(locale, 'qti.notQtiRoot', { root: root.name }));
}

function readPackage(bytes: Uint8Array, locale: Locale, name: string): QtiParseResult {
  const zip = readZip(bytes, locale);
  if ('error' in zip) return fail(name, zip.error);
  const { files } = zip;

  // the shallowest imsmanifest.xml: zips made from a folder hold it one level down
  const manifestPath = [...files.keys()]
    .filter((name) => name.split('/').pop()!.toLowerCase() === 'imsmanifest.xml')
    .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0];
  if (manifestPath === undefined) return fail('imsmanifest.xml', bankMessage(locale, 'qti.noManifest'));
  const manifest = readXmlFile(files.get(manifestPath)!, locale);
  if ('error' in manifest) return fail(manifestPath, manifest.error);
  if (manifest.root.name !== 'manifest') return fail(manifestPath, bankMessage(locale, 'qti.notManifest', { root: manifest.root.name }));
  const base = dirOf(manifestPath);

  const errors: QtiError[] = [];
  const items: QtiItem[] = [];
  const itemByPath = new Map<string, { item: QtiItem; rawMax?: number }>();
  const sources: Record<string, string> = {};
  const identifiers = new Set<string>();
  const testPaths: string[] = [];
  let legacy = false;

  for (const resource of descendants(manifest.root, (n) => n.name === 'resource')) {
    const type = (resource.attrs.type ?? '').toLowerCase();
    const isItem = type.startsWith('imsqti_item_xmlv');
    if (!isItem && !type.startsWith('imsqti_test_xmlv')) {
      legacy ||= type.startsWith('imsqti_xmlv1');
      continue;
    }
    const href = resource.attrs.href ?? firstElement(resource, 'file')?.attrs.href;
    if (!href) {
      errors.push({ file: manifestPath, message: bankMessage(locale, 'qti.resourceNoFile', { resource: resource.attrs.identifier ?? '' }) });
      continue;
    }
    const path = resolvePath(base, href);
    const data = path === null ? undefined : files.get(path);
    if (path === null || data === undefined) {
      errors.push({ file: path ?? href, message: bankMessage(locale, 'qti.missingFile') });
      continue;
    }
    if (!isItem) {
      testPaths.push(path);
      continue;
    }
    const parsed = readXmlFile(data, locale);
    const result = 'error' in parsed ? parsed : readItem(parsed.root, readSkcMeta(resource), locale);
    if ('error' in result) {
      errors.push({ file: path, message: result.error });
    } else if (identifiers.has(result.item.identifier)) {
      errors.push({ file: path, message: bankMessage(locale, 'qti.duplicateItem', { identifier: result.item.identifier }) });
    } else {
      identifiers.add(result.item.identifier);
      sources[result.item.identifier] = path;
      items.push(result.item);
      itemByPath.set(path, result);
    }
  }
  if (legacy) errors.push({ file: manifestPath, message: bankMessage(locale, 'qti.legacy') });
  if (items.length === 0 && errors.length === 0) errors.push({ file: manifestPath, message: bankMessage(locale, 'qti.manifestEmpty') });

  let test: QtiTest | null = null;
  const [testPath, ...moreTests] = testPaths;
  if (testPath !== undefined) {
    const parsed = readXmlFile(files.get(testPath)!, locale);
    if ('error' in parsed) errors.push({ file: testPath, message: parsed.error });
    else test = readTest(parsed.root, testPath, itemByPath, files, errors, locale);
  }
  for (const path of moreTests) errors.push({ file: path, message: bankMessage(locale, 'qti.moreTests') });

  return { items, test, errors, files: sources, testFile: test ? (testPath ?? null) : null };
}

// --- skillcert metadata ---------------------------------------------------------------------------------

interface SkcMeta {
  meta: QtiItem['meta'];
  difficulty: number | null;
  type: ItemType | null;
}

/** `<skc:item occupation level area point difficulty type/>` in the resource's `<metadata>`, if there. */
function readSkcMeta(resource: XNode): SkcMeta | null {
  const metadata = firstElement(resource, 'metadata');
  const node = metadata && descendants(metadata, (n) => n.ns === SKC_NS && n.name === 'item')[0];
  if (!node) return null;
  const a = node.attrs;
  const text = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v : null);
  const int = (v: string | undefined) => (v !== undefined && /^\s*-?\d+\s*$/.test(v) ? Number(v) : null);
  const difficulty = int(a.difficulty);
  return {
    meta: { occupationCode: text(a.occupation), level: int(a.level), areaCode: text(a.area), pointCode: text(a.point) },
    difficulty: difficulty !== null && difficulty >= 1 && difficulty <= 5 ? difficulty : null,
    type: ITEM_TYPES.find((t) => t === a.type) ?? null,
  };
}

// --- Items ----------------------------------------------------------------------------------------------

const DEFAULT_DIFFICULTY = 3;
const NO_META: QtiItem['meta'] = { occupationCode: null, level: null, areaCode: null, pointCode: null };

type Read<T> = T | { error: string };

/** What is not the stem in an item body. */
const notStem = (n: XNode) =>
  n.name.endsWith('Interaction') || ['rubricBlock', 'feedbackBlock', 'feedbackInline', 'modalFeedback', 'templateBlock', 'templateInline'].includes(n.name);

/** `rawMax`: the most the item's own SCORE can be (a test's weight multiplies it), when not `rawMaximum(item)`. */
function readItem(root: XNode, skc: SkcMeta | null, locale: Locale): Read<{ item: QtiItem; rawMax?: number }> {
  if (root.name !== 'assessmentItem') return { error: bankMessage(locale, 'qti.notItem', { root: root.name }) };
  const identifier = root.attrs.identifier?.trim();
  if (!identifier) return { error: bankMessage(locale, 'qti.noIdentifier') };
  const body = firstElement(root, 'itemBody');
  if (!body) return { error: bankMessage(locale, 'qti.noBody') };
  const exact = hasClass(body, CLS.pre);

  const interactions = descendants(
    body,
    (n) => n.name.endsWith('Interaction'),
    (n) => n.name === 'rubricBlock',
  );
  const [interaction, ...more] = interactions;
  if (!interaction) return { error: bankMessage(locale, 'qti.noInteraction') };
  if (more.length > 0) return { error: bankMessage(locale, 'qti.manyInteractions') };
  if (interaction.name !== 'choiceInteraction' && interaction.name !== 'extendedTextInteraction') {
    return { error: bankMessage(locale, 'qti.unsupportedInteraction', { interaction: interaction.name }) };
  }

  // Items hold text only: an image, formula or media element would silently drop out of the stem or a choice.
  const media = [body, ...elements(root, 'modalFeedback')].flatMap((n) => descendants(n, (d) => MEDIA.has(d.name)))[0];
  if (media) return { error: bankMessage(locale, 'qti.media', { element: describeMedia(media) }) };

  const stem = [textOf(body, exact, notStem), ...elements(interaction, 'prompt').map((p) => textOf(p, exact))].filter((s) => s.trim() !== '').join('\n');
  if (stem.trim() === '') return { error: bankMessage(locale, 'qti.noStem') };

  const declarations = elements(root, 'responseDeclaration');
  const declaration =
    declarations.find((d) => d.attrs.identifier === interaction.attrs.responseIdentifier) ?? (declarations.length === 1 ? declarations[0] : undefined);
  const correctResponse = declaration && firstElement(declaration, 'correctResponse');
  const correct = [...new Set(correctResponse ? elements(correctResponse, 'value').map((v) => textOf(v, false)) : [])];

  const response =
    interaction.name === 'choiceInteraction'
      ? readChoices(interaction, exact, correct, declaration?.attrs.cardinality, skc?.type ?? null, locale)
      : readExtendedText(interaction, skc?.type ?? null, locale);
  if ('error' in response) return response;

  const blocks = descendants(body, (n) => n.name === 'rubricBlock');
  const ours = (cls: string) => blocks.find((b) => hasClass(b, cls));
  const foreign = blocks.filter((b) => ![CLS.referenceAnswer, CLS.rubric, CLS.analysis].some((c) => hasClass(b, c)));
  const joined = (texts: string[]) => texts.filter((t) => t.trim() !== '').join('\n') || null;

  const referenceBlock = ours(CLS.referenceAnswer);
  const referenceAnswer = referenceBlock
    ? ownText(referenceBlock, exact)
    : (joined(foreign.filter((b) => hasToken(b.attrs.view, 'scorer')).map((b) => textOf(b, exact))) ?? (isChoiceType(response.type) ? null : joined(correct)));

  const analysisBlock = ours(CLS.analysis);
  const analysis = analysisBlock
    ? ownText(analysisBlock, exact)
    : joined([
        ...foreign.filter((b) => hasToken(b.attrs.view, 'tutor')).map((b) => textOf(b, exact)),
        ...descendants(body, (n) => n.name === 'feedbackBlock').map((b) => textOf(b, exact)),
        ...elements(root, 'modalFeedback').map((b) => textOf(b, exact)),
      ]);

  const rubricBlock = ours(CLS.rubric);
  const rubric = rubricBlock ? readRubric(rubricBlock, exact, locale) : { rubric: null };
  if ('error' in rubric) return rubric;

  const mapped = isChoiceType(response.type) ? readMappedScore(root, declaration, interaction, correct, response.type, locale) : null;
  if (mapped && 'error' in mapped) return mapped;
  const points = mapped ?? readPoints(root, response.type, rubric.rubric, locale);
  if ('error' in points) return points;

  return {
    ...(mapped ? { rawMax: points.points } : {}),
    item: {
      identifier,
      type: response.type,
      stem,
      options: response.options,
      answer: response.answer,
      referenceAnswer,
      points: points.points,
      difficulty: skc?.difficulty ?? DEFAULT_DIFFICULTY,
      analysis,
      rubric: rubric.rubric,
      meta: skc?.meta ?? { ...NO_META },
    },
  };
}

interface Response {
  type: ItemType;
  options: QtiItem['options'];
  answer: string[];
}

const TRUE_WORDS = /^(正确|对|是|√|✓|✔|true|t|yes|y)$/i;
const FALSE_WORDS = /^(错误|错|否|×|✗|✘|false|f|no|n)$/i;
const truthOf = (text: string | undefined): 'true' | 'false' | null =>
  text === undefined ? null : TRUE_WORDS.test(text.trim()) ? 'true' : FALSE_WORDS.test(text.trim()) ? 'false' : null;

/**
 * Type from the interaction when metadata does not say: two choices named true/false (or reading 正确/错误,
 * 对/错 …) make 判断; cardinality multiple (or max-choices other than 1 without a declaration) makes 多选.
 * Choice identifiers A–H are kept; any others are relabelled A, B, … in document order.
 */
function readChoices(
  interaction: XNode,
  exact: boolean,
  correct: string[],
  cardinality: string | undefined,
  metaType: ItemType | null,
  locale: Locale,
): Read<Response> {
  const choices = descendants(interaction, (n) => n.name === 'simpleChoice');
  if (choices.length === 0) return { error: bankMessage(locale, 'qti.noChoices') };
  const ids = choices.map((c) => (c.attrs.identifier ?? '').trim());
  if (ids.includes('')) return { error: bankMessage(locale, 'qti.choiceNoId') };
  if (new Set(ids).size !== ids.length) return { error: bankMessage(locale, 'qti.choiceIdsRepeat') };
  if (correct.length === 0) return { error: bankMessage(locale, 'qti.noCorrect') };
  const stray = correct.find((v) => !ids.includes(v));
  if (stray !== undefined) return { error: bankMessage(locale, 'qti.correctUnknown', { value: stray }) };
  const texts = choices.map((c) => textOf(c, exact, (n) => n.name === 'feedbackInline'));

  const judgeById = ids.length === 2 && new Set(ids.map((id) => id.toLowerCase())).size === 2 && ids.every((id) => /^(true|false)$/i.test(id));
  const judgeByText = ids.length === 2 && truthOf(texts[0]) !== null && truthOf(texts[1]) !== null && truthOf(texts[0]) !== truthOf(texts[1]);
  const multiple = cardinality === 'multiple' || cardinality === 'ordered' || (cardinality === undefined && interaction.attrs.maxChoices !== '1');
  const type: ItemType = metaType ?? (judgeById || judgeByText ? 'judge' : multiple ? 'multiple' : 'single');

  if (!isChoiceType(type)) return { error: bankMessage(locale, 'qti.typeNotChoice', { type }) };
  if (type !== 'multiple' && correct.length !== 1) return { error: bankMessage(locale, type === 'judge' ? 'qti.judgeOneCorrect' : 'qti.singleOneCorrect') };
  if (type === 'judge') {
    const value = judgeById ? correct[0]!.toLowerCase() : judgeByText ? truthOf(texts[ids.indexOf(correct[0]!)]) : null;
    if (value === null) return { error: bankMessage(locale, 'qti.judgeChoices') };
    return { type, options: [], answer: [value] };
  }
  if (choices.length > OPTION_KEYS.length) return { error: bankMessage(locale, 'qti.tooManyChoices', { count: choices.length, max: OPTION_KEYS.length }) };
  const keep = ids.every((id) => (OPTION_KEYS as readonly string[]).includes(id));
  const keyOf = (i: number) => (keep ? ids[i]! : OPTION_KEYS[i]!);
  return {
    type,
    options: texts.map((text, i) => ({ key: keyOf(i), text })),
    answer: correct.map((v) => keyOf(ids.indexOf(v))),
  };
}

function readExtendedText(interaction: XNode, metaType: ItemType | null, locale: Locale): Read<Response> {
  const type = metaType ?? (hasClass(interaction, CLS.practical) ? 'practical' : 'subjective');
  if (isChoiceType(type)) return { error: bankMessage(locale, 'qti.typeNotText', { type }) };
  return { type, options: [], answer: [] };
}

/** Our blocks keep the text in `.skc-text` beside a heading; otherwise the whole element minus headings and points. */
function ownText(node: XNode, exact: boolean): string {
  const inner = descendants(node, (n) => hasClass(n, CLS.text))[0];
  return inner ? textOf(inner, exact) : textOf(node, exact, (n) => hasClass(n, CLS.heading) || hasClass(n, CLS.points));
}

function numberAttr(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function readRubric(block: XNode, exact: boolean, locale: Locale): Read<{ rubric: NonNullable<QtiItem['rubric']> }> {
  const list = (cls: string) => {
    const node = descendants(block, (n) => hasClass(n, cls))[0];
    return node ? elements(node, 'li') : [];
  };
  const criteria: { text: string; points: number }[] = [];
  for (const li of list(CLS.criteria)) {
    // `.skc-value` inside `.skc-points` since exports validate against the schema; `data-points` before
    const points = valueIn(li, CLS.points) ?? numberAttr(li.attrs.dataPoints);
    if (points === null) return { error: bankMessage(locale, 'qti.criterionNoPoints') };
    criteria.push({ text: ownText(li, exact), points });
  }
  const durationMinutes = valueIn(block, CLS.duration) ?? numberAttr(block.attrs.dataDurationMinutes);
  return { rubric: { criteria, vetoes: list(CLS.vetoes).map((li) => ownText(li, exact)), durationMinutes } };
}

/** The number in the `.skc-value` of the first `.<cls>` element under `node`. */
function valueIn(node: XNode, cls: string): number | null {
  const holder = descendants(node, (n) => hasClass(n, cls))[0];
  const value = holder && descendants(holder, (n) => hasClass(n, CLS.value))[0];
  return value ? numberAttr(textOf(value, false)) : null;
}

/** What the import cannot keep in an item: images, formulas and media (names normalised, namespaces aside). */
const MEDIA = new Set(['img', 'picture', 'object', 'embed', 'iframe', 'video', 'audio', 'svg', 'canvas', 'math']);

/** `<img src="images/pump.png">`, as the report names it. */
function describeMedia(node: XNode): string {
  const source = node.attrs.src ?? node.attrs.data ?? descendants(node, (n) => n.attrs.src !== undefined)[0]?.attrs.src;
  const name = node.name === 'math' ? 'math' : node.name;
  return source ? `<${name} src="${source.slice(0, 120)}">` : `<${name}>`;
}

/**
 * A choice item scored by mapResponse: kept when the mapping is all or nothing (the correct answer scores its
 * points, every other answer 0) with those points; refused, naming what would change, when it gives partial
 * credit or takes points off. Null when the item is not scored by a mapping (match_correct: 1 point, or MAXSCORE).
 */
function readMappedScore(
  root: XNode,
  declaration: XNode | undefined,
  interaction: XNode,
  correct: string[],
  type: ItemType,
  locale: Locale,
): Read<{ points: number }> | null {
  const processing = firstElement(root, 'responseProcessing');
  const mapping = declaration && firstElement(declaration, 'mapping');
  if (!processing || !mapping) return null;
  const byTemplate = /map_response(?!_point)/i.test(processing.attrs.template ?? '');
  if (!byTemplate && descendants(processing, (n) => n.name === 'mapResponse').length === 0) return null;

  const entries = new Map(elements(mapping, 'mapEntry').map((e) => [(e.attrs.mapKey ?? '').trim(), numberAttr(e.attrs.mappedValue) ?? 0]));
  const fallback = numberAttr(mapping.attrs.defaultValue) ?? 0;
  const lower = numberAttr(mapping.attrs.lowerBound);
  const upper = numberAttr(mapping.attrs.upperBound);
  const score = (picked: string[]) => {
    const sum = picked.reduce((total, id) => total + (entries.get(id) ?? fallback), 0);
    return Math.min(upper ?? Infinity, Math.max(lower ?? -Infinity, sum));
  };
  const ids = descendants(interaction, (n) => n.name === 'simpleChoice').map((c) => (c.attrs.identifier ?? '').trim());
  // every answer a candidate can give: one choice, or (多选) any non-empty set of choices (at most 2^8)
  const answers = type === 'multiple' ? ids.flatMap((_, i) => subsetsOf(ids.slice(i + 1)).map((rest) => [ids[i]!, ...rest])) : ids.map((id) => [id]);
  const isCorrect = (answer: string[]) => answer.length === correct.length && answer.every((id) => correct.includes(id));
  const full = score(correct);
  const others = answers.filter((a) => !isCorrect(a)).map(score);
  if (full > 0 && others.every((v) => v === 0)) return { points: round6(full) };
  const detail = [...entries].map(([k, v]) => `${k}=${v}`).join(', ');
  return { error: bankMessage(locale, 'qti.partialCredit', { detail, points: String(round6(Math.max(full, 0))) }) };
}

function subsetsOf(ids: string[]): string[][] {
  return ids.reduce<string[][]>((subsets, id) => [...subsets, ...subsets.map((s) => [...s, id])], [[]]);
}

/**
 * MAXSCORE's default value; else SCORE's normal-maximum; else our rubric's total; else 1 for a choice item
 * (match_correct scores 0 or 1). A scorer-marked item that declares none of these is refused: its points are unknown.
 */
function readPoints(root: XNode, type: ItemType, rubric: QtiItem['rubric'], locale: Locale): Read<{ points: number }> {
  const outcomes = elements(root, 'outcomeDeclaration');
  const max = outcomes.find((o) => o.attrs.identifier === 'MAXSCORE');
  const defaultValue = max && firstElement(max, 'defaultValue');
  const value = defaultValue && firstElement(defaultValue, 'value');
  if (max) {
    const points = numberAttr(value && textOf(value, false));
    return points !== null && points > 0 ? { points } : { error: bankMessage(locale, 'qti.maxScore') };
  }
  const normalMaximum = numberAttr(outcomes.find((o) => o.attrs.identifier === 'SCORE')?.attrs.normalMaximum);
  if (normalMaximum !== null && normalMaximum > 0) return { points: normalMaximum };
  const rubricTotal = rubric?.criteria.reduce((sum, c) => sum + c.points, 0) ?? 0;
  if (rubricTotal > 0) return { points: rubricTotal };
  return isChoiceType(type) ? { points: 1 } : { error: bankMessage(locale, 'qti.noMaxScore') };
}

// --- Test -----------------------------------------------------------------------------------------------

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Item refs in document order (nested sections flattened). Points = weight × the item's highest SCORE
 * (see the export); without a weight, the item's own points.
 */
function readTest(
  root: XNode,
  path: string,
  itemByPath: Map<string, { item: QtiItem; rawMax?: number }>,
  files: Map<string, Uint8Array>,
  errors: QtiError[],
  locale: Locale,
): QtiTest | null {
  if (root.name !== 'assessmentTest') {
    errors.push({ file: path, message: bankMessage(locale, 'qti.notTest', { root: root.name }) });
    return null;
  }
  const identifier = root.attrs.identifier?.trim();
  if (!identifier) {
    errors.push({ file: path, message: bankMessage(locale, 'qti.testNoIdentifier') });
    return null;
  }
  const items: QtiTest['items'] = [];
  const listed = new Set<string>();
  for (const ref of descendants(root, (n) => n.name === 'assessmentItemRef')) {
    const href = ref.attrs.href ?? '';
    const target = resolvePath(dirOf(path), href);
    const read = target === null ? undefined : itemByPath.get(target);
    const item = read?.item;
    if (!item) {
      const exists = target !== null && files.has(target);
      const message = exists
        ? bankMessage(locale, 'qti.testItemUnreadable', { href })
        : bankMessage(locale, 'qti.testItemMissing', { href: href || (ref.attrs.identifier ?? '') });
      errors.push({ file: path, message });
      continue;
    }
    if (listed.has(item.identifier)) {
      errors.push({ file: path, message: bankMessage(locale, 'qti.testItemTwice', { identifier: item.identifier }) });
      continue;
    }
    listed.add(item.identifier);
    const weight = numberAttr(firstElement(ref, 'weight')?.attrs.value);
    // a mapResponse item's SCORE reaches its points, a match_correct one's 1 (see rawMaximum)
    items.push({ identifier: item.identifier, points: weight === null ? item.points : round6(weight * (read.rawMax ?? rawMaximum(item))) });
  }
  return { identifier, title: root.attrs.title ?? identifier, items };
}
