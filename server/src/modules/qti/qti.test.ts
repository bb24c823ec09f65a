import { OPTION_KEYS } from '@skillcert/shared/api/banks';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { rawZip, zeroBomb } from '../../../test/helpers/zip-bombs.ts';
import { describe, expect, it } from 'vitest';
import { buildQtiPackage } from './qti.export.ts';
import { parseQtiPackage } from './qti.import.ts';
import type { QtiItem, QtiTest } from './qti.ts';

// --- Factories ------------------------------------------------------------------------------------------

const TRICKY = '含"引号"与\'单引号\'、<标签> & 符号 &amp;\n第二行\t制表  两个空格 ]]> 😀';

function makeItem(over: Partial<QtiItem> = {}): QtiItem {
  return {
    identifier: 'skc-00000000-0000-4000-8000-000000000001-v1',
    type: 'single',
    stem: `低压电工作业时，下列说法正确的是？${TRICKY}`,
    options: [
      { key: 'A', text: '可以带电作业 <无需> 监护' },
      { key: 'B', text: '必须 "断电" & 验电' },
      { key: 'C', text: '第一行\n第二行' },
    ],
    answer: ['B'],
    referenceAnswer: null,
    points: 1,
    difficulty: 2,
    analysis: `依据《安全规程》& 第 3.1 条。${TRICKY}`,
    rubric: null,
    meta: { occupationCode: '6-31-01-03', level: 4, areaCode: '1.2', pointCode: '1.2.3' },
    ...over,
  };
}

const ITEMS_BY_TYPE: Record<QtiItem['type'], QtiItem> = {
  single: makeItem(),
  multiple: makeItem({
    identifier: 'skc-m-v2',
    type: 'multiple',
    options: [
      { key: 'A', text: '甲 & 乙' },
      { key: 'B', text: '<丙>' },
      { key: 'C', text: "'丁'" },
      { key: 'D', text: '戊' },
    ],
    answer: ['D', 'A', 'C'],
    points: 2.5,
    difficulty: 5,
  }),
  judge: makeItem({
    identifier: 'skc-j-v1',
    type: 'judge',
    options: [],
    answer: ['false'],
    analysis: null,
    meta: { occupationCode: null, level: null, areaCode: 'A-3', pointCode: null },
  }),
  subjective: makeItem({
    identifier: 'skc-s-v1',
    type: 'subjective',
    options: [],
    answer: [],
    referenceAnswer: `答：1. 停电；2. 验电 & 挂接地线。${TRICKY}`,
    points: 10,
    difficulty: 3,
  }),
  practical: makeItem({
    identifier: 'skc-p-v3',
    type: 'practical',
    stem: '完成单相电能表 <DD862> 的安装接线 & 通电试验',
    options: [],
    answer: [],
    referenceAnswer: null,
    points: 40,
    analysis: null,
    rubric: {
      criteria: [
        { text: '接线正确 "牢固"', points: 20 },
        { text: '工具使用规范 & 安全\n文明生产', points: 12.5 },
        { text: '<通电> 试验成功', points: 7.5 },
      ],
      vetoes: ['发生触电事故', '损坏 "电能表" & 仪器'],
      durationMinutes: 90,
    },
  }),
};

/** The manifest text with the XML declaration left out (the rules below read it as text). */
const withoutDeclaration = (xml: string) => xml.replace(/^<\?xml[^>]*\?>/, '');

/** Element nesting depth at `index` of an XML fragment (0: a child of the fragment's root level). */
function depthAt(fragment: string, index: number): number {
  let depth = 0;
  for (const m of fragment.slice(0, index).matchAll(/<(\/?)[A-Za-z][^>]*?(\/?)>/g)) {
    if (m[1]) depth--;
    else if (!m[2]) depth++;
  }
  return depth;
}

/** The parse result without `files` (where each item came from), for comparing with what was built. */
const content = ({ items, test, errors }: ReturnType<typeof parseQtiPackage>) => ({ items, test, errors });
const roundTrip = (items: QtiItem[], test: QtiTest | null = null) => content(parseQtiPackage(buildQtiPackage({ title: '导出 & 测试', items, test })));

const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));

const manifest21 = (resources: string) => `<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" identifier="M1">
  <organizations/>
  <resources>${resources}</resources>
</manifest>`;

const QTI21_SINGLE = `<?xml version="1.0" encoding="UTF-8"?>
<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="ext-choice-1" title="Electricity" adaptive="false" timeDependent="false">
  <responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">
    <correctResponse>
      <value>ChoiceB</value>
    </correctResponse>
  </responseDeclaration>
  <outcomeDeclaration identifier="SCORE" cardinality="single" baseType="float"/>
  <itemBody>
    <p>下列哪种颜色的导线
       用作保护接地线？</p>
    <choiceInteraction responseIdentifier="RESPONSE" shuffle="false" maxChoices="1">
      <prompt>请选择一项。</prompt>
      <simpleChoice identifier="ChoiceA">红色</simpleChoice>
      <simpleChoice identifier="ChoiceB">
        黄绿双色 &amp; 条纹
      </simpleChoice>
      <simpleChoice identifier="ChoiceC">蓝色</simpleChoice>
    </choiceInteraction>
  </itemBody>
  <responseProcessing template="http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"/>
</assessmentItem>`;

/** A QTI 3.0 item from another platform: no skillcert metadata, no skc classes, pretty-printed XHTML. */
const qti3Item = (identifier: string, body: string, declaration: string) => `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="${identifier}" title="t" adaptive="false" time-dependent="false">
  ${declaration}
  <qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
  <qti-outcome-declaration identifier="MAXSCORE" cardinality="single" base-type="float">
    <qti-default-value><qti-value>2</qti-value></qti-default-value>
  </qti-outcome-declaration>
  <qti-item-body>
    ${body}
  </qti-item-body>
</qti-assessment-item>`;

/** A foreign QTI 3.0 item without MAXSCORE: its own outcome declaration and response processing. */
const qti3ItemNoMax = (
  identifier: string,
  body: string,
  declaration: string,
  processing: string,
  outcome = '<qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>',
) => `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="${identifier}" title="t" adaptive="false" time-dependent="false">
  ${declaration}
  ${outcome}
  <qti-item-body>${body}</qti-item-body>
  ${processing}
</qti-assessment-item>`;

// --- Round trips ----------------------------------------------------------------------------------------

describe('QTI round trip', () => {
  it.each(Object.values(ITEMS_BY_TYPE))('keeps a $type item whole, Chinese text and special characters included', (item) => {
    const parsed = roundTrip([item]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.items).toEqual([item]);
    expect(parsed.test).toBeNull();
  });

  it('keeps every type together in one package, in order', () => {
    const items = Object.values(ITEMS_BY_TYPE);
    expect(roundTrip(items)).toEqual({ items, test: null, errors: [] });
  });

  it('escapes text in the XML and writes Chinese as UTF-8', () => {
    const files = unzipSync(buildQtiPackage({ title: '题库', items: [ITEMS_BY_TYPE.single], test: null }));
    const xml = strFromU8(files['items/skc-00000000-0000-4000-8000-000000000001-v1.xml']!);
    expect(xml).toContain('必须 &quot;断电&quot; &amp; 验电');
    expect(xml).toContain('&lt;标签&gt; &amp; 符号 &amp;amp;');
    expect(xml).toContain('第一行<br/>第二行');
    expect(xml).not.toMatch(/<无需>/);
  });

  it('writes the QTI 3.0 shapes the format promises', () => {
    const files = unzipSync(
      buildQtiPackage({
        title: '试卷',
        items: Object.values(ITEMS_BY_TYPE),
        test: { identifier: 'paper-1', title: '试卷 A', items: [{ identifier: 'skc-j-v1', points: 1 }] },
      }),
    );
    expect(Object.keys(files).sort()).toEqual([
      'imsmanifest.xml',
      'items/skc-00000000-0000-4000-8000-000000000001-v1.xml',
      'items/skc-j-v1.xml',
      'items/skc-m-v2.xml',
      'items/skc-p-v3.xml',
      'items/skc-s-v1.xml',
      'tests/paper-1.xml',
    ]);
    const manifest = strFromU8(files['imsmanifest.xml']!);
    expect(manifest).toContain('xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"');
    expect(manifest).toContain('type="imsqti_item_xmlv3p0" href="items/skc-m-v2.xml"');
    expect(manifest).toContain(
      '<metadata><imsmd:lom><skc:item occupation="6-31-01-03" level="4" area="1.2" point="1.2.3" difficulty="5" type="multiple"/></imsmd:lom></metadata>',
    );
    expect(manifest).toMatch(/type="imsqti_test_xmlv3p0" href="tests\/paper-1.xml"><file href="tests\/paper-1.xml"\/><dependency identifierref="item-\d"\/>/);

    const single = strFromU8(files['items/skc-00000000-0000-4000-8000-000000000001-v1.xml']!);
    expect(single).toContain('<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0"');
    expect(single).toContain('xml:lang="zh-CN"');
    expect(single).toContain('adaptive="false" time-dependent="false"');
    expect(single).toContain('cardinality="single" base-type="identifier"><qti-correct-response><qti-value>B</qti-value>');
    expect(single).toContain('max-choices="1"');
    expect(single).toContain(
      '<qti-outcome-declaration identifier="MAXSCORE" cardinality="single" base-type="float"><qti-default-value><qti-value>1</qti-value>',
    );
    expect(single).toContain('template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"');
    expect(single).toContain('<qti-rubric-block use="instructions" view="tutor" class="skc-analysis">');
    // title: the stem's first 40 characters on one line
    expect(single).toContain('title="低压电工作业时，下列说法正确的是？含&quot;引号&quot;与&apos;单引号&apos;、&lt;标签&gt; &amp; 符号 &amp;"');

    expect(strFromU8(files['items/skc-m-v2.xml']!)).toContain('cardinality="multiple"');
    expect(strFromU8(files['items/skc-m-v2.xml']!)).toContain('max-choices="0"');
    expect(strFromU8(files['items/skc-j-v1.xml']!)).toContain(
      '<qti-simple-choice identifier="true">正确</qti-simple-choice><qti-simple-choice identifier="false">错误</qti-simple-choice>',
    );
    const practical = strFromU8(files['items/skc-p-v3.xml']!);
    expect(practical).toContain('<qti-extended-text-interaction');
    expect(practical).not.toContain('match_correct');
    expect(practical).toContain(
      '<qti-rubric-block use="scoring" view="scorer" class="skc-rubric"><qti-content-body><p class="skc-duration">考核时长：<span class="skc-value">90</span> 分钟</p>',
    );
    expect(practical).toContain(
      '<li><span class="skc-text">工具使用规范 &amp; 安全<br/>文明生产</span><span class="skc-points">（<span class="skc-value">12.5</span> 分）</span></li>',
    );
    expect(strFromU8(files['items/skc-s-v1.xml']!)).toContain('<qti-rubric-block use="scoring" view="scorer" class="skc-reference-answer">');

    const test = strFromU8(files['tests/paper-1.xml']!);
    expect(test).toContain('<qti-test-part identifier="P1" navigation-mode="nonlinear" submission-mode="simultaneous">');
    expect(test).toContain('<qti-assessment-item-ref identifier="skc-j-v1" href="../items/skc-j-v1.xml"><qti-weight identifier="W" value="1"/>');
  });

  /**
   * The three points on which exports failed the 1EdTech XSDs (imsqti_asiv3p0, QTI 3 content packaging), pinned
   * here as the schemas are not shipped in any package we may install: every rubric block has `use` (and `view`);
   * no `data-*` attribute the XHTML profile does not define; a resource's metadata holds only lom, qtiMetadata or
   * curriculumStandardsMetadataSet.
   */
  it('XSD rules: rubric blocks carry use, no data-* attributes of our own, resource metadata only in allowed containers', () => {
    const files = unzipSync(
      buildQtiPackage({
        title: '试卷',
        items: Object.values(ITEMS_BY_TYPE),
        test: { identifier: 'paper-1', title: '试卷', items: [{ identifier: 'skc-p-v3', points: 40 }] },
      }),
    );
    const XSD_DATA_ATTRIBUTES = ['data-catalog-idref', 'data-qti-suppress-tts', 'data-ssml'];
    let blocks = 0;
    for (const [name, bytes] of Object.entries(files).filter(([n]) => n.startsWith('items/'))) {
      const xml = strFromU8(bytes);
      for (const m of xml.matchAll(/<qti-rubric-block([^>]*)>/g)) {
        blocks++;
        expect(m[1], name).toMatch(/ use="(instructions|scoring|navigation|ext:[^"]+)"/);
        expect(m[1], name).toMatch(/ view="(author|candidate|proctor|scorer|testConstructor|tutor)"/);
      }
      const dataAttributes = [...xml.matchAll(/\s(data-[a-z-]+)=/g)].map((m) => m[1]!);
      expect(
        dataAttributes.filter((a) => !XSD_DATA_ATTRIBUTES.includes(a)),
        name,
      ).toEqual([]);
    }
    expect(blocks).toBe(5); // single, multiple: analysis; subjective: reference answer + analysis; practical: rubric; judge: none
    const manifest = withoutDeclaration(strFromU8(files['imsmanifest.xml']!));
    const allowed = ['lom', 'qtiMetadata', 'curriculumStandardsMetadataSet'];
    const resources = manifest.match(/<resource [\s\S]*?<\/resource>/g) ?? [];
    expect(resources.length).toBe(6);
    for (const r of resources) {
      const metadata = /<metadata>([\s\S]*?)<\/metadata>/.exec(r)?.[1];
      if (metadata === undefined) continue;
      const children = [...metadata.matchAll(/<([A-Za-z:]+)[\s>/]/g)].filter((m) => depthAt(metadata, m.index) === 0).map((m) => m[1]!);
      expect(
        children.map((c) => c.replace(/^[a-z]+:/, '')).every((c) => allowed.includes(c)),
        children.join(),
      ).toBe(true);
      expect(children).toContain('imsmd:lom');
    }
  });

  it('reads packages exported before the schema fixes: data-points, data-duration-minutes, skc:item directly in metadata', () => {
    const files = unzipSync(buildQtiPackage({ title: 't', items: [ITEMS_BY_TYPE.practical, ITEMS_BY_TYPE.multiple], test: null }));
    const item = strFromU8(files['items/skc-p-v3.xml']!)
      .replace(/<p class="skc-duration">.*?<\/p>/, '')
      .replace(
        '<qti-rubric-block use="scoring" view="scorer" class="skc-rubric">',
        '<qti-rubric-block view="scorer" class="skc-rubric" data-duration-minutes="90">',
      )
      .replace(
        /<li><span class="skc-text">(.*?)<\/span><span class="skc-points">（<span class="skc-value">([\d.]+)<\/span> 分）<\/span><\/li>/g,
        '<li data-points="$2"><span class="skc-text">$1</span><span class="skc-points">（$2 分）</span></li>',
      );
    expect(item).toContain('<li data-points="12.5">');
    const manifest = strFromU8(files['imsmanifest.xml']!).replace(/<imsmd:lom>(<skc:item [^>]*\/>)<\/imsmd:lom>/g, '$1');
    expect(manifest).toContain('<metadata><skc:item ');
    const old = zipSync({ ...files, 'items/skc-p-v3.xml': strToU8(item), 'imsmanifest.xml': strToU8(manifest) });
    expect(content(parseQtiPackage(old))).toEqual({ items: [ITEMS_BY_TYPE.practical, ITEMS_BY_TYPE.multiple], test: null, errors: [] });
  });

  it('keeps a test section: order and points per item, also where paper points differ from item points', () => {
    const items = Object.values(ITEMS_BY_TYPE);
    const test: QtiTest = {
      identifier: 'paper-2024-A',
      title: '低压电工（四级）理论 A 卷 & "补考"',
      items: [
        { identifier: 'skc-p-v3', points: 30 },
        { identifier: 'skc-j-v1', points: 0.5 },
        { identifier: 'skc-s-v1', points: 3 },
        { identifier: 'skc-m-v2', points: 2 },
        { identifier: ITEMS_BY_TYPE.single.identifier, points: 1 },
      ],
    };
    const parsed = roundTrip(items, test);
    expect(parsed.errors).toEqual([]);
    expect(parsed.test).toEqual(test);
    expect(parsed.items).toEqual(items);
  });

  it('property: any valid item list (and test over it) survives build → parse unchanged', { timeout: 20_000 }, () => {
    const text = (minLength: number) =>
      fc.string({
        unit: fc.constantFrom('安', '全', '电', '工', 'a', 'Z', '9', ' ', '　', '\n', '\t', '<', '>', '&', '"', "'", ';', '😀', ']'),
        minLength,
        maxLength: 24,
      });
    const stem = text(1).filter((s) => s.trim() !== '');
    const code = fc.stringMatching(/^[0-9A-Za-z][0-9A-Za-z.-]{0,9}$/);
    const meta = fc.record({
      occupationCode: fc.option(fc.stringMatching(/^\d-\d{2}-\d{2}-\d{2}$/), { nil: null }),
      level: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
      areaCode: fc.option(code, { nil: null }),
      pointCode: fc.option(code, { nil: null }),
    });
    const rubric = fc.option(
      fc.record({
        criteria: fc.array(fc.record({ text: text(0), points: fc.integer({ min: 1, max: 200 }).map((n) => n / 2) }), { maxLength: 4 }),
        vetoes: fc.array(text(0), { maxLength: 3 }),
        durationMinutes: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
      }),
      { nil: null },
    );
    const choices = (minLength: number) =>
      fc
        .subarray([...OPTION_KEYS], { minLength })
        .chain((keys) => fc.tuple(fc.tuple(...keys.map((key) => text(0).map((t) => ({ key, text: t })))), fc.shuffledSubarray(keys, { minLength: 1 })));
    const response = fc.oneof(
      choices(1).chain(([options, keys]) => fc.constantFrom(...keys).map((k) => ({ type: 'single' as const, options, answer: [k] }))),
      choices(2).map(([options, answer]) => ({ type: 'multiple' as const, options, answer })),
      fc.constantFrom('true', 'false').map((v) => ({ type: 'judge' as const, options: [], answer: [v] })),
      fc.constantFrom('subjective' as const, 'practical' as const).map((type) => ({ type, options: [], answer: [] })),
    );
    const item = fc
      .record({
        version: fc.integer({ min: 1, max: 99 }),
        uuid: fc.uuid(),
        response,
        stem,
        referenceAnswer: fc.option(text(0), { nil: null }),
        points: fc.integer({ min: 1, max: 200 }).map((n) => n / 2),
        difficulty: fc.integer({ min: 1, max: 5 }),
        analysis: fc.option(text(0), { nil: null }),
        rubric,
        meta,
      })
      .map(({ version, uuid, response: r, ...rest }): QtiItem => ({ identifier: `skc-${uuid}-v${version}`, ...r, ...rest }));
    const pkg = fc.uniqueArray(item, { minLength: 1, maxLength: 5, selector: (i) => i.identifier }).chain((items) =>
      fc.record({
        items: fc.constant(items),
        test: fc.option(
          fc.record({
            identifier: fc.constant('paper-1'),
            title: stem,
            items: fc
              .shuffledSubarray(items, { minLength: 1 })
              .chain((picked) => fc.tuple(...picked.map((i) => fc.integer({ min: 1, max: 200 }).map((n) => ({ identifier: i.identifier, points: n / 2 }))))),
          }),
          { nil: null },
        ),
      }),
    );

    fc.assert(
      fc.property(pkg, ({ items, test }) => {
        const t = test ? { ...test, title: test.title.replace(/[\t\n]/g, ' ') } : null;
        expect(roundTrip(items, t)).toEqual({ items, test: t, errors: [] });
      }),
      { numRuns: 150 },
    );
  });
});

// --- Foreign packages -----------------------------------------------------------------------------------

describe('QTI import of foreign content', () => {
  it('reads a bare QTI 2.1 single-choice item: meta nulls, type inferred, choices relabelled A…', () => {
    const parsed = parseQtiPackage(strToU8(QTI21_SINGLE));
    expect(parsed.errors).toEqual([]);
    expect(parsed.test).toBeNull();
    expect(parsed.items).toEqual([
      {
        identifier: 'ext-choice-1',
        type: 'single',
        stem: '下列哪种颜色的导线 用作保护接地线？\n请选择一项。',
        options: [
          { key: 'A', text: '红色' },
          { key: 'B', text: '黄绿双色 & 条纹' },
          { key: 'C', text: '蓝色' },
        ],
        answer: ['B'],
        referenceAnswer: null,
        points: 1,
        difficulty: 3,
        analysis: null,
        rubric: null,
        meta: { occupationCode: null, level: null, areaCode: null, pointCode: null },
      },
    ]);
  });

  it('reads a QTI 2.1 package with a test (imsqti_item_xmlv2p1, assessmentItemRef, weight)', () => {
    const bytes = zip({
      'imsmanifest.xml': manifest21(`
        <resource identifier="R1" type="imsqti_item_xmlv2p1" href="q/choice%201.xml"><file href="q/choice%201.xml"/></resource>
        <resource identifier="T1" type="imsqti_test_xmlv2p1" href="t/test.xml"><file href="t/test.xml"/><dependency identifierref="R1"/></resource>`),
      'q/choice 1.xml': QTI21_SINGLE,
      't/test.xml': `<assessmentTest xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="T" title="外部试卷">
        <testPart identifier="P" navigationMode="linear" submissionMode="individual">
          <assessmentSection identifier="S" title="一" visible="true">
            <assessmentSection identifier="S2" title="二" visible="true">
              <assessmentItemRef identifier="r1" href="../q/choice%201.xml"><weight identifier="W" value="4"/></assessmentItemRef>
            </assessmentSection>
          </assessmentSection>
        </testPart>
      </assessmentTest>`,
    });
    const parsed = parseQtiPackage(bytes);
    expect(parsed.errors).toEqual([]);
    expect(parsed.items.map((i) => [i.identifier, i.type, i.answer])).toEqual([['ext-choice-1', 'single', ['B']]]);
    expect(parsed.test).toEqual({ identifier: 'T', title: '外部试卷', items: [{ identifier: 'ext-choice-1', points: 4 }] });
  });

  it('reads QTI 3.0 items without skillcert metadata: type from the interaction, difficulty 3, meta nulls', () => {
    const multiple = qti3Item(
      'x-multi',
      `<p>以下属于绝缘材料的有</p>
       <qti-choice-interaction response-identifier="RESPONSE" max-choices="0">
         <qti-simple-choice identifier="A">橡胶</qti-simple-choice>
         <qti-simple-choice identifier="B">铜</qti-simple-choice>
         <qti-simple-choice identifier="C">陶瓷</qti-simple-choice>
       </qti-choice-interaction>`,
      `<qti-response-declaration identifier="RESPONSE" cardinality="multiple" base-type="identifier">
         <qti-correct-response><qti-value>A</qti-value><qti-value>C</qti-value></qti-correct-response>
       </qti-response-declaration>`,
    );
    const judge = qti3Item(
      'x-judge',
      `<qti-choice-interaction response-identifier="RESPONSE" max-choices="1">
         <qti-prompt>电气设备着火时可以用水扑救。</qti-prompt>
         <qti-simple-choice identifier="T">对</qti-simple-choice>
         <qti-simple-choice identifier="F">错</qti-simple-choice>
       </qti-choice-interaction>
       <qti-rubric-block view="tutor"><qti-content-body><p>应先断电，</p><p>再用干粉灭火器。</p></qti-content-body></qti-rubric-block>`,
      `<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">
         <qti-correct-response><qti-value>F</qti-value></qti-correct-response>
       </qti-response-declaration>`,
    );
    const essay = qti3Item(
      'x-essay',
      `<qti-extended-text-interaction response-identifier="RESPONSE"><qti-prompt>简述触电急救的步骤。</qti-prompt></qti-extended-text-interaction>
       <qti-rubric-block view="scorer"><qti-content-body><p>脱离电源；</p><p>心肺复苏。</p></qti-content-body></qti-rubric-block>`,
      `<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="string"/>`,
    );
    const bytes = zip({
      'pkg/imsmanifest.xml': `<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="M"><resources>
        <resource identifier="a" type="imsqti_item_xmlv3p0" href="items/multi.xml"><file href="items/multi.xml"/></resource>
        <resource identifier="b" type="imsqti_item_xmlv3p0"><file href="./items/judge.xml"/></resource>
        <resource identifier="c" type="imsqti_item_xmlv3p0" href="items/essay.xml"/>
        <resource identifier="d" type="webcontent" href="media/x.png"/>
      </resources></manifest>`,
      'pkg/items/multi.xml': multiple,
      'pkg/items/judge.xml': judge,
      'pkg/items/essay.xml': essay,
    });
    const parsed = parseQtiPackage(bytes);
    expect(parsed.errors).toEqual([]);
    const nulls = { occupationCode: null, level: null, areaCode: null, pointCode: null };
    expect(parsed.items).toEqual([
      expect.objectContaining({
        identifier: 'x-multi',
        type: 'multiple',
        stem: '以下属于绝缘材料的有',
        answer: ['A', 'C'],
        points: 2,
        difficulty: 3,
        meta: nulls,
      }),
      expect.objectContaining({
        identifier: 'x-judge',
        type: 'judge',
        options: [],
        answer: ['false'],
        analysis: '应先断电，\n再用干粉灭火器。',
        difficulty: 3,
        meta: nulls,
      }),
      expect.objectContaining({ identifier: 'x-essay', type: 'subjective', answer: [], referenceAnswer: '脱离电源；\n心肺复苏。', rubric: null, meta: nulls }),
    ]);
  });

  it('takes the type from the interaction alone when our item XML is uploaded without its manifest', () => {
    const files = unzipSync(buildQtiPackage({ title: 't', items: [ITEMS_BY_TYPE.judge, ITEMS_BY_TYPE.practical], test: null }));
    const judge = parseQtiPackage(files['items/skc-j-v1.xml']!);
    expect(judge.errors).toEqual([]);
    expect(judge.items[0]).toEqual({ ...ITEMS_BY_TYPE.judge, difficulty: 3, meta: { occupationCode: null, level: null, areaCode: null, pointCode: null } });
    expect(parseQtiPackage(files['items/skc-p-v3.xml']!).items[0]).toMatchObject({ type: 'practical', rubric: ITEMS_BY_TYPE.practical.rubric });
  });

  it('decodes numeric character references and a GBK-encoded file', () => {
    const head =
      '<?xml version="1.0" encoding="GBK"?><assessmentItem identifier="g"><responseDeclaration identifier="R" cardinality="single"><correctResponse><value>A</value></correctResponse></responseDeclaration><itemBody><choiceInteraction responseIdentifier="R" maxChoices="1"><prompt>&#x6D4B;&#35797; ';
    // 中文 in GBK is D6 D0 CE C4
    const bytes = new Uint8Array([
      ...strToU8(head),
      0xd6,
      0xd0,
      0xce,
      0xc4,
      ...strToU8('</prompt><simpleChoice identifier="A">x</simpleChoice></choiceInteraction></itemBody></assessmentItem>'),
    ]);
    const parsed = parseQtiPackage(bytes);
    expect(parsed.errors).toEqual([]);
    expect(parsed.items[0]?.stem).toBe('测试 中文');
  });
});

// --- Foreign samples: nothing lost silently ---------------------------------------------------------------

/**
 * Our own fixtures in the style of 1EdTech's and TAO's published QTI 3.0 examples (a stem with a picture, partial
 * credit by mapResponse, a scorer rubric with a maximum score): each is kept whole or refused, naming the loss.
 */
describe('QTI import of foreign samples loses nothing silently', () => {
  const mapped = (cardinality: 'single' | 'multiple', mapping: string, correct: string[]) =>
    qti3ItemNoMax(
      `x-map-${cardinality}`,
      `<qti-choice-interaction response-identifier="RESPONSE" max-choices="${cardinality === 'single' ? 1 : 0}">
         <qti-prompt>下列哪些属于基本安全用具？</qti-prompt>
         <qti-simple-choice identifier="A">绝缘杆</qti-simple-choice>
         <qti-simple-choice identifier="B">绝缘手套</qti-simple-choice>
         <qti-simple-choice identifier="C">验电器</qti-simple-choice>
         <qti-simple-choice identifier="D">安全带</qti-simple-choice>
       </qti-choice-interaction>`,
      `<qti-response-declaration identifier="RESPONSE" cardinality="${cardinality}" base-type="identifier">
         <qti-correct-response>${correct.map((c) => `<qti-value>${c}</qti-value>`).join('')}</qti-correct-response>
         ${mapping}
       </qti-response-declaration>`,
      '<qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/map_response.xml"/>',
    );

  it('refuses an item whose stem shows a picture, naming it, and keeps the others of the package', () => {
    const picture = qti3Item(
      'x-picture',
      `<p>观察下图中的安全标志：</p><p><img src="images/sign.png" alt="标志" width="120" height="120"/></p>
       <qti-choice-interaction response-identifier="RESPONSE" max-choices="1">
         <qti-prompt>图中标志的含义是？</qti-prompt>
         <qti-simple-choice identifier="A">禁止合闸</qti-simple-choice>
         <qti-simple-choice identifier="B">当心触电</qti-simple-choice>
       </qti-choice-interaction>`,
      '<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier"><qti-correct-response><qti-value>B</qti-value></qti-correct-response></qti-response-declaration>',
    );
    const bytes = zip({
      'imsmanifest.xml': `<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="M"><resources>
        <resource identifier="r1" type="imsqti_item_xmlv3p0" href="items/picture.xml"><file href="items/picture.xml"/><file href="images/sign.png"/></resource>
        <resource identifier="r2" type="imsqti_item_xmlv2p1" href="items/plain.xml"/>
      </resources></manifest>`,
      'items/picture.xml': picture,
      'images/sign.png': '\x89PNG',
      'items/plain.xml': QTI21_SINGLE,
    });
    const parsed = parseQtiPackage(bytes, 'en-US');
    expect(parsed.items.map((i) => i.identifier)).toEqual(['ext-choice-1']);
    expect(parsed.files).toEqual({ 'ext-choice-1': 'items/plain.xml' });
    expect(parsed.errors).toEqual([
      {
        file: 'items/picture.xml',
        message:
          'the item shows an image, formula or media <img src="images/sign.png">; skillcert items hold text only and would lose it, so the item was refused — put it into words and import again',
      },
    ]);
    // a picture in a choice, a formula in the prompt: refused alike
    const inChoice = picture.replace('<p><img src="images/sign.png" alt="标志" width="120" height="120"/></p>', '').replace('当心触电', '<img src="b.png"/>');
    expect(parseQtiPackage(strToU8(inChoice), 'en-US').errors[0]?.message).toContain('<img src="b.png">');
    const formula = picture.replace(
      '<p><img src="images/sign.png" alt="标志" width="120" height="120"/></p>',
      '<m:math xmlns:m="http://www.w3.org/1998/Math/MathML"><m:mi>U</m:mi></m:math>',
    );
    expect(parseQtiPackage(strToU8(formula), 'en-US').errors[0]?.message).toContain('<math>');
  });

  it('keeps an all-or-nothing mapResponse with its points; refuses partial credit or negative marking, naming what would change', () => {
    const allOrNothing = parseQtiPackage(
      strToU8(mapped('single', '<qti-mapping default-value="0"><qti-map-entry map-key="B" mapped-value="2"/></qti-mapping>', ['B'])),
      'en-US',
    );
    expect(allOrNothing.errors).toEqual([]);
    expect(allOrNothing.items[0]).toMatchObject({ type: 'single', answer: ['B'], points: 2 });

    const partial = parseQtiPackage(
      strToU8(
        mapped(
          'multiple',
          '<qti-mapping default-value="0" lower-bound="0" upper-bound="3"><qti-map-entry map-key="A" mapped-value="1"/><qti-map-entry map-key="B" mapped-value="1"/><qti-map-entry map-key="C" mapped-value="1"/><qti-map-entry map-key="D" mapped-value="-1"/></qti-mapping>',
          ['A', 'B', 'C'],
        ),
      ),
      'en-US',
    );
    expect(partial.items).toEqual([]);
    expect(partial.errors).toEqual([
      {
        file: '(uploaded file)',
        message:
          'the item gives partial credit or takes points off by mapResponse (A=1, B=1, C=1, D=-1); skillcert scores choice items all or nothing, so it would become 3 points for the correct answer and 0 otherwise — refused',
      },
    ]);
    const negative = parseQtiPackage(
      strToU8(mapped('single', '<qti-mapping default-value="-1"><qti-map-entry map-key="B" mapped-value="2"/></qti-mapping>', ['B'])),
      'en-US',
    );
    expect(negative.errors[0]?.message).toContain('(B=2)');
    // in a test, the weight multiplies what the mapping gives the correct answer
    const bytes = zip({
      'imsmanifest.xml': `<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="M"><resources>
        <resource identifier="r" type="imsqti_item_xmlv3p0" href="mapped.xml"/><resource identifier="t" type="imsqti_test_xmlv3p0" href="test.xml"/>
      </resources></manifest>`,
      'mapped.xml': mapped('single', '<qti-mapping default-value="0"><qti-map-entry map-key="B" mapped-value="2"/></qti-mapping>', ['B']),
      'test.xml': `<qti-assessment-test xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="T" title="t"><qti-test-part identifier="P" navigation-mode="linear" submission-mode="individual">
        <qti-assessment-section identifier="S" title="S" visible="true"><qti-assessment-item-ref identifier="i" href="mapped.xml"><qti-weight identifier="W" value="3"/></qti-assessment-item-ref></qti-assessment-section>
      </qti-test-part></qti-assessment-test>`,
    });
    expect(parseQtiPackage(bytes).test?.items).toEqual([{ identifier: 'x-map-single', points: 6 }]);
    // the mapping is ignored where processing does not use it (match_correct)
    const unused = mapped('multiple', '<qti-mapping><qti-map-entry map-key="A" mapped-value="1"/></qti-mapping>', ['A', 'B']).replace(
      'map_response.xml',
      'match_correct.xml',
    );
    expect(parseQtiPackage(strToU8(unused)).errors).toEqual([]);
  });

  it('keeps a scorer rubric’s maximum score where declared; refuses a scorer-marked item that declares none', () => {
    const essay = (outcome: string) =>
      qti3ItemNoMax(
        'x-essay-3',
        `<qti-extended-text-interaction response-identifier="RESPONSE"><qti-prompt>说明漏电保护器的作用。</qti-prompt></qti-extended-text-interaction>
         <qti-rubric-block use="scoring" view="scorer"><qti-content-body><p>满分 3 分：作用 1 分，原理 1 分，试验方法 1 分。</p></qti-content-body></qti-rubric-block>`,
        '<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="string"/>',
        '',
        outcome,
      );
    const declared = parseQtiPackage(
      strToU8(essay('<qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float" external-scored="human" normal-maximum="3"/>')),
    );
    expect(declared.errors).toEqual([]);
    expect(declared.items[0]).toMatchObject({ type: 'subjective', points: 3, referenceAnswer: '满分 3 分：作用 1 分，原理 1 分，试验方法 1 分。' });
    const undeclared = parseQtiPackage(
      strToU8(essay('<qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float" external-scored="human"/>')),
      'en-US',
    );
    expect(undeclared.errors.map((e) => e.message)).toEqual([
      'the scorer-marked item declares no maximum score (MAXSCORE default value, or normal-maximum on SCORE), so its points are unknown and the import would make it 1 point — refused',
    ]);
  });
});

// --- Bad input ------------------------------------------------------------------------------------------

describe('QTI import of bad input', () => {
  const messages = (bytes: Uint8Array, locale: 'zh-CN' | 'en-US' = 'en-US') => parseQtiPackage(bytes, locale).errors.map((e) => `${e.file}: ${e.message}`);

  it('property: random bytes give errors, never a throw', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const parsed = parseQtiPackage(bytes);
        expect(parsed.items).toEqual([]);
        expect(parsed.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
    expect(messages(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]))).toEqual(['(uploaded file): not a zip or QTI XML']);
    expect(messages(new Uint8Array())).toEqual(['(uploaded file): not a zip or QTI XML']);
    expect(messages(strToU8('姓名,分数\n张三,90'))).toEqual(['(uploaded file): not a zip or QTI XML']);
  });

  it('refuses a zip without manifest, a broken zip, malformed XML and XML that is not QTI', () => {
    expect(messages(zip({ 'items/a.xml': QTI21_SINGLE }))).toEqual(['imsmanifest.xml: zip has no imsmanifest.xml']);
    const truncated = zip({ 'imsmanifest.xml': manifest21('') }).subarray(0, 40);
    expect(messages(truncated)[0]).toMatch(/^\(uploaded file\): not a readable zip/);
    expect(messages(strToU8('<assessmentItem identifier="x"><itemBody></assessmentItem>'))[0]).toMatch(/^\(uploaded file\): malformed XML/);
    expect(messages(strToU8('<html><body/></html>'))).toEqual(['(uploaded file): not a zip or QTI XML (root element <html>)']);
    expect(messages(strToU8('<assessmentItem identifier="x" constructor="y"/>'))[0]).toMatch(/malformed XML/);
    expect(messages(zip({ 'imsmanifest.xml': manifest21('') }))).toEqual(['imsmanifest.xml: manifest lists no QTI items']);
  });

  it('reports an item whose correct response names a missing choice, and keeps the good ones', () => {
    const bad = QTI21_SINGLE.replace('<value>ChoiceB</value>', '<value>ChoiceZ</value>').replace('ext-choice-1', 'ext-bad');
    const bytes = zip({
      'imsmanifest.xml': manifest21(`
        <resource identifier="R1" type="imsqti_item_xmlv2p1" href="good.xml"/>
        <resource identifier="R2" type="imsqti_item_xmlv2p1" href="bad.xml"/>
        <resource identifier="R3" type="imsqti_item_xmlv2p1" href="gone.xml"/>
        <resource identifier="T" type="imsqti_test_xmlv2p1" href="test.xml"/>`),
      'good.xml': QTI21_SINGLE,
      'bad.xml': bad,
      'test.xml': `<assessmentTest identifier="T" title="t"><testPart identifier="P"><assessmentSection identifier="S">
        <assessmentItemRef identifier="a" href="good.xml"/><assessmentItemRef identifier="b" href="bad.xml"/><assessmentItemRef identifier="c" href="nowhere.xml"/>
      </assessmentSection></testPart></assessmentTest>`,
    });
    const parsed = parseQtiPackage(bytes, 'en-US');
    expect(parsed.items.map((i) => i.identifier)).toEqual(['ext-choice-1']);
    expect(parsed.test).toEqual({ identifier: 'T', title: 't', items: [{ identifier: 'ext-choice-1', points: 1 }] });
    expect(parsed.errors).toEqual([
      { file: 'bad.xml', message: 'correct response names no choice (ChoiceZ)' },
      { file: 'gone.xml', message: 'manifest references a missing file' },
      { file: 'test.xml', message: 'test refers to bad.xml, an item that was refused (see that file’s error)' },
      { file: 'test.xml', message: 'test refers to nowhere.xml, which is not in the package' },
    ]);
  });

  it.each([
    ['no choices', '<qti-choice-interaction response-identifier="RESPONSE"><qti-prompt>题干</qti-prompt></qti-choice-interaction>', 'item has no choices'],
    [
      'no correct response',
      '<qti-choice-interaction response-identifier="RESPONSE"><qti-prompt>题干</qti-prompt><qti-simple-choice identifier="A">a</qti-simple-choice></qti-choice-interaction>',
      'item has no correct response',
    ],
    ['no interaction', '<p>只有文字</p>', 'item has no interaction'],
    [
      'an unsupported interaction',
      '<qti-order-interaction response-identifier="RESPONSE"/>',
      'unsupported interaction: orderInteraction; supported are choiceInteraction (single, multiple, true/false) and extendedTextInteraction (short answer, practical)',
    ],
    ['no stem', '<qti-extended-text-interaction response-identifier="RESPONSE"/>', 'item has no stem text'],
  ])('reports an item with %s', (_, body, message) => {
    expect(messages(strToU8(qti3Item('x', body, '')))).toEqual([`(uploaded file): ${message}`]);
  });

  it('reports a single-choice item with two correct responses and metadata that contradicts the interaction', () => {
    const two = QTI21_SINGLE.replace('<value>ChoiceB</value>', '<value>ChoiceA</value><value>ChoiceB</value>');
    expect(messages(strToU8(two))).toEqual(['(uploaded file): a single item needs exactly one correct response']);
    const files = unzipSync(buildQtiPackage({ title: 't', items: [ITEMS_BY_TYPE.single], test: null }));
    const manifest = strFromU8(files['imsmanifest.xml']!).replace('type="single"', 'type="practical"');
    const bytes = zipSync({ ...files, 'imsmanifest.xml': strToU8(manifest) });
    expect(parseQtiPackage(bytes, 'en-US').errors.map((e) => e.message)).toEqual(['metadata type practical does not fit a choice interaction']);
  });

  it('refuses zip bombs by the bytes that really come out, whatever the headers declare', () => {
    // declares 4 KB, inflates to 1 GB: stopped by the ratio limit after a few MB
    const bomb = rawZip([
      { name: 'imsmanifest.xml', method: 0, data: strToU8(manifest21('')), declaredSize: manifest21('').length },
      { name: 'items/a.xml', method: 8, data: zeroBomb(1024), declaredSize: 4096 },
    ]);
    expect(messages(bomb)).toEqual(['(uploaded file): archive refused: compression ratio above 300:1 (a zip bomb?)']);

    const many = zipSync(Object.fromEntries(Array.from({ length: 50_001 }, (_, i) => [`f${i}`, new Uint8Array()])), { level: 0 });
    expect(messages(many)).toEqual(['(uploaded file): archive refused: more than 50000 files']);
  });

  it('words the errors in Chinese for zh-CN (the default)', () => {
    expect(parseQtiPackage(strToU8('姓名,分数\n张三,90')).errors).toEqual([{ file: '（上传的文件）', message: '不是 zip 压缩包或 QTI XML 文件' }]);
    expect(messages(zip({ 'items/a.xml': QTI21_SINGLE }), 'zh-CN')).toEqual(['imsmanifest.xml: 压缩包中没有 imsmanifest.xml']);
    expect(messages(strToU8('<assessmentItem identifier="x"><itemBody></assessmentItem>'), 'zh-CN')[0]).toMatch(
      /^（上传的文件）: XML 文件无法解析（malformed XML/,
    );
    const bad = QTI21_SINGLE.replace('<value>ChoiceB</value>', '<value>ChoiceZ</value>');
    expect(messages(strToU8(bad), 'zh-CN')).toEqual(['（上传的文件）: 标准答案中的选项 ChoiceZ 不存在']);
    const two = QTI21_SINGLE.replace('<value>ChoiceB</value>', '<value>ChoiceA</value><value>ChoiceB</value>');
    expect(messages(strToU8(two), 'zh-CN')).toEqual(['（上传的文件）: 单选题只能有一个标准答案']);
    expect(messages(strToU8(qti3Item('x', '<p>只有文字</p>', '')), 'zh-CN')).toEqual(['（上传的文件）: 试题没有作答交互（interaction）']);
  });

  it('throws when asked to build an inconsistent package', () => {
    const item = ITEMS_BY_TYPE.single;
    expect(() => buildQtiPackage({ title: 't', items: [item, item], test: null })).toThrow(/duplicate item identifier/);
    expect(() => buildQtiPackage({ title: 't', items: [item], test: { identifier: 'p', title: 'p', items: [{ identifier: 'nope', points: 1 }] } })).toThrow(
      /not in the package/,
    );
  });
});
