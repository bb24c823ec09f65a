import { createHash } from 'node:crypto';
import { strToU8, zipSync, type Zippable } from 'fflate';
import {
  CLS,
  CP_NS,
  CP_XSD,
  ITEM_RESOURCE_TYPE,
  LOM_NS,
  MATCH_CORRECT,
  QTI3_NS,
  QTI3_XSD,
  type QtiItem,
  rawMaximum,
  type QtiTest,
  SKC_NS,
  TEST_RESOURCE_TYPE,
  XSI_NS,
  type XmlOut,
  cleanXmlText,
  isChoiceType,
  el,
  lines,
  txt,
  xmlDocument,
} from './qti.ts';

/**
 * Builds a QTI 3.0 content package (zip bytes): `imsmanifest.xml`, `items/<identifier>.xml` per item and,
 * with a test, `tests/<identifier>.xml`. Deterministic: the same input gives the same bytes.
 * Throws on inconsistent input (duplicate item identifiers, a test naming an item not given) — the caller's bug.
 */
export function buildQtiPackage(input: { title: string; items: QtiItem[]; test: QtiTest | null }): Uint8Array {
  const { items, test } = input;
  const itemFiles = new Map<string, string>();
  const taken = new Set<string>();
  for (const item of items) {
    if (itemFiles.has(item.identifier)) throw new Error(`duplicate item identifier ${item.identifier}`);
    itemFiles.set(item.identifier, uniquePath('items', item.identifier, taken));
  }
  const testFile = test ? uniquePath('tests', test.identifier, taken) : null;
  if (test) {
    const seen = new Set<string>();
    for (const ref of test.items) {
      if (!itemFiles.has(ref.identifier)) throw new Error(`test names item ${ref.identifier}, which is not in the package`);
      if (seen.has(ref.identifier)) throw new Error(`test names item ${ref.identifier} twice`);
      seen.add(ref.identifier);
    }
  }

  const files: Zippable = { 'imsmanifest.xml': strToU8(manifestXml(input.title, items, itemFiles, test, testFile)) };
  for (const item of items) files[itemFiles.get(item.identifier)!] = strToU8(itemXml(item));
  if (test && testFile) {
    const byId = new Map(items.map((i) => [i.identifier, i]));
    files[testFile] = strToU8(testXml(test, byId, itemFiles));
  }
  // fixed mtime keeps the bytes reproducible
  return zipSync(files, { level: 6, mtime: new Date(1980, 0, 1) });
}

/** `items/<identifier>.xml`, with characters unsafe in a file name replaced and clashes numbered. */
function uniquePath(folder: string, identifier: string, taken: Set<string>): string {
  const base = identifier.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120) || 'item';
  let path = `${folder}/${base}.xml`;
  for (let n = 2; taken.has(path.toLowerCase()); n++) path = `${folder}/${base}-${n}.xml`;
  taken.add(path.toLowerCase());
  return path;
}

// --- Manifest -------------------------------------------------------------------------------------------

function manifestXml(title: string, items: QtiItem[], itemFiles: Map<string, string>, test: QtiTest | null, testFile: string | null): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([title, items.map((i) => i.identifier), test?.identifier ?? null]))
    .digest('hex')
    .slice(0, 16);
  const resourceId = new Map(items.map((item, i) => [item.identifier, `item-${i + 1}`]));

  const resources = items.map((item) => {
    const href = itemFiles.get(item.identifier)!;
    return el('resource', { identifier: resourceId.get(item.identifier), type: ITEM_RESOURCE_TYPE, href }, [
      // the packaging profile allows only lom, qtiMetadata and curriculumStandardsMetadataSet here: our
      // element rides inside lom, whose binding admits elements of other namespaces
      el('metadata', {}, [
        el('imsmd:lom', {}, [
          el('skc:item', {
            occupation: item.meta.occupationCode,
            level: item.meta.level,
            area: item.meta.areaCode,
            point: item.meta.pointCode,
            difficulty: item.difficulty,
            type: item.type,
          }),
        ]),
      ]),
      el('file', { href }),
    ]);
  });
  if (test && testFile) {
    resources.push(
      el('resource', { identifier: 'test-1', type: TEST_RESOURCE_TYPE, href: testFile }, [
        el('file', { href: testFile }),
        ...test.items.map((ref) => el('dependency', { identifierref: resourceId.get(ref.identifier) })),
      ]),
    );
  }

  return xmlDocument(
    el(
      'manifest',
      {
        xmlns: CP_NS,
        'xmlns:imsmd': LOM_NS,
        'xmlns:skc': SKC_NS,
        'xmlns:xsi': XSI_NS,
        'xsi:schemaLocation': `${CP_NS} ${CP_XSD}`,
        identifier: `skc-package-${hash}`,
      },
      [
        el('metadata', {}, [
          el('schema', {}, [txt('QTI Package')]),
          el('schemaversion', {}, [txt('3.0.0')]),
          el('imsmd:lom', {}, [el('imsmd:general', {}, [el('imsmd:title', {}, [el('imsmd:string', { language: 'zh-CN' }, [txt(title)])])])]),
        ]),
        el('organizations'),
        el('resources', {}, resources),
      ],
    ),
  );
}

// --- Items ----------------------------------------------------------------------------------------------

const JUDGE_CHOICES = [
  { key: 'true', text: '正确' },
  { key: 'false', text: '错误' },
];

function itemXml(item: QtiItem): string {
  const objective = isChoiceType(item.type);
  const declarations: XmlOut[] = objective
    ? [
        el('qti-response-declaration', { identifier: 'RESPONSE', cardinality: item.type === 'multiple' ? 'multiple' : 'single', 'base-type': 'identifier' }, [
          ...(item.answer.length > 0
            ? [
                el(
                  'qti-correct-response',
                  {},
                  item.answer.map((a) => el('qti-value', {}, [txt(a)])),
                ),
              ]
            : []),
        ]),
      ]
    : [el('qti-response-declaration', { identifier: 'RESPONSE', cardinality: 'single', 'base-type': 'string' })];

  const prompt = el('qti-prompt', {}, lines(item.stem));
  const interaction = objective
    ? el('qti-choice-interaction', { 'response-identifier': 'RESPONSE', shuffle: 'false', 'max-choices': item.type === 'multiple' ? 0 : 1 }, [
        prompt,
        ...(item.type === 'judge' ? JUDGE_CHOICES : item.options).map((o) => el('qti-simple-choice', { identifier: o.key }, lines(o.text))),
      ])
    : el('qti-extended-text-interaction', { 'response-identifier': 'RESPONSE', class: item.type === 'practical' ? CLS.practical : null }, [prompt]);

  const blocks: XmlOut[] = [];
  if (item.referenceAnswer !== null) blocks.push(textBlock('scorer', 'scoring', CLS.referenceAnswer, '参考答案', item.referenceAnswer));
  if (item.rubric) blocks.push(rubricBlock(item.rubric));
  if (item.analysis !== null) blocks.push(textBlock('tutor', 'instructions', CLS.analysis, '解析', item.analysis));

  return xmlDocument(
    el(
      'qti-assessment-item',
      {
        xmlns: QTI3_NS,
        'xmlns:xsi': XSI_NS,
        'xsi:schemaLocation': `${QTI3_NS} ${QTI3_XSD}`,
        identifier: item.identifier,
        title: titleOf(item.stem),
        adaptive: 'false',
        'time-dependent': 'false',
        'xml:lang': 'zh-CN',
      },
      [
        ...declarations,
        outcome('SCORE', 0),
        outcome('MAXSCORE', item.points),
        el('qti-item-body', { class: CLS.pre }, [interaction, ...blocks]),
        ...(objective ? [el('qti-response-processing', { template: MATCH_CORRECT })] : []),
      ],
    ),
  );
}

/** First 40 characters of the stem on one line. */
function titleOf(stem: string): string {
  return Array.from(cleanXmlText(stem).replace(/\s+/g, ' ').trim()).slice(0, 40).join('');
}

function outcome(identifier: string, value: number): XmlOut {
  return el('qti-outcome-declaration', { identifier, cardinality: 'single', 'base-type': 'float' }, [
    el('qti-default-value', {}, [el('qti-value', {}, [txt(String(value))])]),
  ]);
}

/** `use` is required by the schema: scoring for the scorer's blocks, instructions for the tutor's explanation. */
function textBlock(view: 'scorer' | 'tutor', use: 'scoring' | 'instructions', cls: string, heading: string, text: string): XmlOut {
  return el('qti-rubric-block', { use, view, class: cls }, [
    el('qti-content-body', {}, [el('p', { class: CLS.heading }, [txt(heading)]), el('div', { class: CLS.text }, lines(text))]),
  ]);
}

/**
 * 评分细则 as a list, each criterion's points in its `.skc-points` span; 否决项 as a second list; the duration in a
 * `.skc-duration` paragraph. The schema admits no `data-*` attributes of our own, so the numbers are content
 * the reader can see and the import reads back (packages from before read `data-points` and `data-duration-minutes`).
 */
function rubricBlock(rubric: NonNullable<QtiItem['rubric']>): XmlOut {
  const body: XmlOut[] = [];
  if (rubric.durationMinutes !== null && rubric.durationMinutes !== undefined) {
    body.push(el('p', { class: CLS.duration }, [txt('考核时长：'), el('span', { class: CLS.value }, [txt(String(rubric.durationMinutes))]), txt(' 分钟')]));
  }
  if (rubric.criteria.length > 0) {
    body.push(
      el('p', { class: CLS.heading }, [txt('评分细则')]),
      el(
        'ol',
        { class: CLS.criteria },
        rubric.criteria.map((c) =>
          el('li', {}, [
            el('span', { class: CLS.text }, lines(c.text)),
            el('span', { class: CLS.points }, [txt('（'), el('span', { class: CLS.value }, [txt(String(c.points))]), txt(' 分）')]),
          ]),
        ),
      ),
    );
  }
  if (rubric.vetoes.length > 0) {
    body.push(
      el('p', { class: CLS.heading }, [txt('否决项')]),
      el(
        'ul',
        { class: CLS.vetoes },
        rubric.vetoes.map((v) => el('li', {}, [el('span', { class: CLS.text }, lines(v))])),
      ),
    );
  }
  return el('qti-rubric-block', { use: 'scoring', view: 'scorer', class: CLS.rubric }, [el('qti-content-body', {}, body)]);
}

// --- Test -----------------------------------------------------------------------------------------------

/**
 * One part, one section, one item ref per item in paper order. The paper's points ride on `qti-weight`, chosen
 * so weight × the item's SCORE is the paper score: match_correct scores 0/1, so objective items weigh their
 * points; scorer-marked items score up to MAXSCORE (the item's points), so they weigh paper points / item points.
 */
function testXml(test: QtiTest, items: Map<string, QtiItem>, itemFiles: Map<string, string>): string {
  const refs = test.items.map((ref) => {
    const item = items.get(ref.identifier)!;
    const raw = rawMaximum(item);
    return el('qti-assessment-item-ref', { identifier: ref.identifier, href: `../${itemFiles.get(ref.identifier)!}` }, [
      el('qti-weight', { identifier: 'W', value: ref.points / raw }),
    ]);
  });
  return xmlDocument(
    el(
      'qti-assessment-test',
      { xmlns: QTI3_NS, 'xmlns:xsi': XSI_NS, 'xsi:schemaLocation': `${QTI3_NS} ${QTI3_XSD}`, identifier: test.identifier, title: test.title },
      [
        el('qti-outcome-declaration', { identifier: 'SCORE', cardinality: 'single', 'base-type': 'float' }, [
          el('qti-default-value', {}, [el('qti-value', {}, [txt('0')])]),
        ]),
        el('qti-test-part', { identifier: 'P1', 'navigation-mode': 'nonlinear', 'submission-mode': 'simultaneous' }, [
          el('qti-assessment-section', { identifier: 'S1', title: test.title, visible: 'true' }, refs),
        ]),
        el('qti-outcome-processing', {}, [
          el('qti-set-outcome-value', { identifier: 'SCORE' }, [
            el('qti-sum', {}, [el('qti-test-variables', { 'variable-identifier': 'SCORE', 'weight-identifier': 'W' })]),
          ]),
        ]),
      ],
    ),
  );
}
