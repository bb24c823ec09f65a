/**
 * Builds server/src/modules/occupations/catalog-2022.generated.ts from scripts/catalog/dadian-2022.txt.
 *
 *   node --import tsx scripts/catalog/build-catalog.ts          (writes the file)
 *   node --import tsx scripts/catalog/build-catalog.ts --check  (fails when the committed file is stale)
 *
 * The input holds facts extracted by hand from public copies of 《中华人民共和国职业分类大典（2022年版）》 (see the
 * header of dadian-2022.txt and docs/catalog-sources.md): one 小类 or 细类 per line, `code name [L|S|L/S]`.
 * Also reads standards-index.txt (national standards), later-additions.txt (新职业 batch lists) and
 * second-copy-groups.txt (大类/中类/小类 names of a second copy); see docs/catalog-sources.md.
 * This script derives the 大类 and 中类 names (see `groupNames`), applies the documented spelling corrections,
 * checks the structure (code shapes, parents present, no duplicate code), cross-checks the codes and names against
 * the occupations already loaded (occupations.data.ts) and against a second independent copy, computes the pinyin
 * initials of every name (pinyin-pro, at generation time only) and writes a compact TypeScript module.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pinyinInitials } from '../../server/src/lib/pinyin.ts';
import { OCCUPATIONS } from '../../server/src/modules/occupations/occupations.data.ts';

const here = dirname(fileURLToPath(import.meta.url));
const INPUT = join(here, 'dadian-2022.txt');
const LATER_ADDITIONS = join(here, 'later-additions.txt');
const SECOND_COPY_GROUPS = join(here, 'second-copy-groups.txt');
const SECOND_COPY_OCCUPATIONS = join(here, 'second-copy-occupations.txt');
const STANDARDS_INDEX = join(here, 'standards-index.txt');
export const OUTPUT = join(here, '../../server/src/modules/occupations/catalog-2022.generated.ts');

/** Evident typos in source 1, corrected here (each listed in docs/catalog-sources.md as unconfirmed). */
const CORRECTIONS: Record<string, { from: string; to: string }> = {
  // 1-02-03: source 1's own task text for this occupation is about 政协, and the 公示稿 (second copy) prints 人民政协机关负责人.
  '1-02-03': { from: '人民政府机关负责人', to: '人民政协机关负责人' },
  '1-02-03-00': { from: '人民政府机关负责人', to: '人民政协机关负责人' },
  '1-04-01-02': { from: '共青团员负责人', to: '共青团负责人' },
  '4-14-03-04': { from: '眼睛定配工', to: '眼镜定配工' },
  '6-29-01-07': { from: '乡村建设工程', to: '乡村建设工匠' },
  // One-character slips of source 1 where the 公示稿 (second copy) reads otherwise and its reading fits the 小类:
  '2-02-16-04': { from: '民航飞行签证工程技术人员', to: '民航飞行签派工程技术人员' },
  '6-11-08-15': { from: '橡胶生产工', to: '栲胶生产工' },
  '6-13-01-01': { from: '化学聚合工', to: '化纤聚合工' },
  '6-15-05-05': { from: '古建筑璃工', to: '古建琉璃工' },
  '6-17-07-02': { from: '钽钒冶炼工', to: '钽铌冶炼工' },
  '6-18-04-05': { from: '量具和刀具制造工', to: '量具和刃具制造工' },
};

/**
 * 细类 where the 公示稿 (second copy, a draft) differs from source 1 and source 1 is kept: the final edition renamed,
 * moved or inserted occupations after the draft. Value: the draft's name at that code. docs/catalog-sources.md groups them.
 */
const DRAFT_OCC_DIFFERENCES: Record<string, string> = {
  // wording differs; which one the final edition prints was not read
  '2-02-20-04': '野生动植物保护利用工程技术',
  '2-02-20-07': '木竹藤棕草加工工程技术人员',
  '2-05-07-02': '口腔医学技师',
  '3-01-01-05': '劝募员',
  '4-07-03-06': '劳务外包管理员',
  '4-10-05-03': '婚姻家庭咨询师',
  '4-13-04-04': '研学旅行指导师',
  '6-02-01-01': '糕点面包烘焙工',
  '6-17-04-03': '铁合金焙烧工',
  '6-20-07-05': '光学零件制造工',
  // codes shifted by an occupation the final edition inserted (康复技师, 检察辅助人员, 劳务经纪人) or moved (手语翻译)
  '2-05-07-13': '心理治疗技师',
  '2-05-07-14': '病案信息技师',
  '2-05-07-15': '中医技师',
  '2-07-08-00': '法律顾问',
  '2-07-09-00': '宗教教职人员',
  '2-07-10-01': '社会工作者',
  '2-07-10-02': '社会组织专业人员',
  '2-07-10-03': '心理咨询师',
  '2-10-05-01': '翻译',
  '2-10-05-02': '手语翻译',
  '4-07-03-07': '招聘师',
  '4-13-01-06': '版权服务师',
  '4-13-01-07': '档案数字化管理师',
  '4-13-01-08': '图书馆服务员',
  '4-14-03-07': '康复治疗师',
  // the two occupations swap codes in the final edition
  '4-04-04-06': '网络安全等级保护测评师',
  '4-04-04-07': '密码技术应用员',
  // the draft's code; the final edition's differs (xx-00 ↔ xx-01)
  '3-02-02-00': '保卫管理员',
  '4-01-04-01': '再生物资回收挑选工',
  // renumbered after 2022 when a 2024 occupation joined the 小类 (recorded as former codes, FORMER_CODES)
  '2-02-32-00': '制药工程技术人员',
  '4-05-02-00': '证券期货服务师',
};

/** Source-1 occupations the 公示稿 lacks under their code and that no 新职业 batch names (the final edition's changes). */
const FINAL_ONLY = new Set([
  // in the draft under another code (see DRAFT_OCC_DIFFERENCES)
  '2-02-32-01',
  '2-05-07-14',
  '2-05-07-15',
  '2-05-07-16',
  '2-07-09-00',
  '2-07-10-00',
  '2-07-11-01',
  '2-07-11-02',
  '2-07-11-03',
  '2-10-05-00',
  '3-02-02-01',
  '4-01-04-00',
  '4-05-02-01',
  '4-07-03-08',
  '4-13-01-08',
  // not in the draft by name
  '2-02-27-07',
  '2-05-07-13',
  '2-06-12-09',
  '2-07-08-00',
  '4-07-03-07',
  '4-07-07-04',
  '6-02-05-08',
  '6-03-03-03',
]);

/**
 * Former codes that are not printed on a standard: [former, current, how it is known]. A 2022 code renumbered when a
 * later 新职业 joined its 小类, the 2022 code read in the 公示稿 (second copy), the name unchanged.
 */
const FORMER_CODES: [string, string, string][] = [
  ['2-02-32-00', '2-02-32-01', '公示稿 2-02-32-00 制药工程技术人员; 2-02-32-02 生物工程技术人员 added 2024'],
  ['4-05-02-00', '4-05-02-01', '公示稿 4-05-02-00 证券期货服务师; 4-05-02-02 有色金属现货交易员 added 2024'],
];

/**
 * Occupations that public announcements read first name as added after the 2022 edition (新职业 batches), with the
 * year. The flags now come from the batch lists (later-additions.txt); these must agree with them.
 */
const ADDED_AFTER_2022: Record<string, '2024' | '2025'> = {
  // 2024-07 batch (19 新职业): news.qq.com/rain/a/20241118A04AH900, cn.bg3.co (人社部公示 2024-05-24), zgkjsz.com/page/2025/0224/25638922.shtml
  '2-02-32-02': '2024', // 生物工程技术人员
  '4-04-05-12': '2024', // 云网智能运维员
  '4-04-05-13': '2024', // 生成式人工智能系统应用员
  '4-04-05-14': '2024', // 工业互联网运维员
  '4-04-05-15': '2024', // 智能网联汽车测试员
  '4-07-02-06': '2024', // 用户增长运营师
  '4-08-08-30': '2024', // 文创产品策划运营师
  '4-11-01-04': '2024', // 储能电站运维管理员
  '4-13-01-10': '2024', // 网络主播
  '6-17-01-08': '2024', // 氢基直接还原炼铁工
  '6-31-07-04': '2024', // 智能制造系统运维员
  // 2025 batch (第七批, 17 新职业): hk.crntt.com/doc/1071/1/9/1/107119151.html, sem.tongji.edu.cn/semch/53654.html
  '2-02-30-12': '2025', // 检验检测管理工程技术人员
  '2-07-11-04': '2025', // 养老服务师
  '4-01-06-03': '2025', // 跨境电商运营管理师
  '4-02-04-07': '2025', // 无人机群飞行规划员
};

/**
 * Where the second copy (the 2022 社会公示稿, a draft) differs from source 1 in a 小类 and source 1 is kept: the final
 * edition added 2-07-08 检察辅助人员 (450 小类 published against the draft's 449), shifting the draft's 2-07-08…2-07-10;
 * two names differ in wording and which one the final edition prints was not read. Listed in docs/catalog-sources.md.
 * Value: the draft's name ('' where the draft has no such code).
 */
const DRAFT_DIFFERENCES: Record<string, string> = {
  '1-05-00': '基层群众性自治组织负责人',
  '2-02-23': '纺织服装工程技术人员',
  '2-07-08': '法律顾问',
  '2-07-09': '宗教教职人员',
  '2-07-10': '社会工作专业人员',
  '2-07-11': '',
};

/** Names a 新职业 batch announces that source 1 does not hold under that name (listed in docs/catalog-sources.md). */
const NOT_IN_SOURCE_1 = new Set(['会展搭建师']);

/**
 * Second, independent copy (codes and names only): a catalog validator script that pins eleven 2022-edition rows,
 * found by exact-string search of public repositories (stored file id 55493306383; its repository is not named by
 * the search tool). Every pair must match source 1.
 */
const SECOND_COPY: Record<string, string> = {
  '2-02-24-00': '食品工程技术人员',
  '2-03-06-03': '宠物医师',
  '2-07-11-04': '养老服务师',
  '4-01-06-02': '互联网营销师',
  '4-01-06-03': '跨境电商运营管理师',
  '4-04-05-05': '人工智能训练师',
  '4-04-05-13': '生成式人工智能系统应用员',
  '4-10-07-01': '宠物健康护理员',
  '6-02-06-13': '咖啡加工工',
  '6-11-10-07': '调香师',
  '8-00-00-00': '不便分类的其他从业人员',
};

/** 大类 names read in source 1's raw file (层级 一级) or, for 3–6, the 大类's own "其他…" 中类 (x-99-00). */
const MAJOR_NAMES_SEEN: Record<string, string> = {
  '1': '党的机关、国家机关、群众团体和社会组织、企事业单位负责人',
  '2': '专业技术人员',
};
/** 中类 names read in source 1's raw file (层级 二级) where no "其他…" 小类 names them. */
const MIDDLE_NAMES_SEEN: Record<string, string> = {
  '1-01': '中国共产党机关负责人',
  '1-02': '国家机关负责人',
  '1-03': '民主党派和工商联负责人',
  '1-04': '人民团体和群众团体、社会组织及其他成员组织负责人',
  '1-05': '基层群众自治组织负责人',
  '1-06': '企事业单位负责人',
};
/** Not in any source read: the 7th 大类's name as commonly printed (listed as unconfirmed in the doc). */
const MAJOR_NAMES_UNCONFIRMED: Record<string, string> = { '7': '军队人员' };

/** 大类 whose occupations are skill occupations (技能人员职业) covered by 职业技能等级认定. */
const SKILL_MAJORS = new Set(['3', '4', '5', '6']);

const PUBLISHED_2022 = { major: 8, middle: 79, minor: 450, occupations: 1639 };

interface Line {
  code: string;
  name: string;
  marks: string;
  lineNo: number;
}

function parse(text: string): Line[] {
  const out: Line[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^(\d-\d{2}-\d{2}(?:-\d{2})?)\s+(.+?)\s*(L\/S|L|S)?$/.exec(line);
    if (!m) throw new Error(`line ${i + 1}: not "code name [marks]": ${line}`);
    out.push({ code: m[1]!, name: m[2]!.trim(), marks: (m[3] ?? '').replace('/', ''), lineNo: i + 1 });
  });
  return out;
}

const initialsOf = pinyinInitials;

const CODE = /^\d-\d{2}-\d{2}-\d{2}$/;

/** Non-comment lines of a data file, with their line numbers. */
function dataLines(file: string): { text: string; lineNo: number }[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((raw, i) => ({ text: raw.trim(), lineNo: i + 1 }))
    .filter((l) => l.text && !l.text.startsWith('#'));
}

/** later-additions.txt: `year name`, each name matched to exactly one occupation of source 1. */
function laterAdditions(occs: readonly Line[]): Map<string, string> {
  const out = new Map<string, string>();
  const byName = new Map<string, Line[]>();
  for (const o of occs) byName.set(o.name, [...(byName.get(o.name) ?? []), o]);
  for (const { text, lineNo } of dataLines(LATER_ADDITIONS)) {
    const m = /^(20\d{2})\s+(\S+)$/.exec(text);
    if (!m) throw new Error(`later-additions.txt line ${lineNo}: not "year name": ${text}`);
    const year = m[1]!;
    const name = m[2]!;
    const hits = byName.get(name) ?? [];
    if (hits.length === 0) {
      if (NOT_IN_SOURCE_1.has(name)) continue;
      throw new Error(`later-additions.txt line ${lineNo}: ${name} is not in the catalog`);
    }
    if (hits.length > 1) throw new Error(`later-additions.txt line ${lineNo}: ${name} names ${hits.length} occupations`);
    const code = hits[0]!.code;
    if (out.has(code)) throw new Error(`later-additions.txt line ${lineNo}: ${name} listed twice`);
    out.set(code, year);
  }
  return out;
}

export interface StandardEntry {
  code: string;
  year: number;
  printedCode: string | null;
  levels: number[];
  source: string;
}

/**
 * standards-index.txt: `code | name | year | printed code | levels | source`, with `@KEY text` source lines.
 * Refuses a malformed line, a code of the wrong shape, a code the catalog does not hold or holds under another name,
 * a duplicate, an unknown source key, and a row that contradicts a researched entry (which it then only cross-checks).
 */
export function standardsIndex(
  file: string,
  byCode: ReadonlyMap<string, string>,
  seeds: typeof OCCUPATIONS,
  otherFormerCodes: readonly (readonly [string, string, string])[] = [],
) {
  const sources = new Map<string, string>();
  const entries: StandardEntry[] = [];
  const crossChecked: string[] = [];
  const seen = new Map<string, number>();
  const seedByCode = new Map(seeds.map((o) => [o.code, o]));
  const lines = dataLines(file);
  for (const { text, lineNo } of lines) {
    const src = /^@([A-Z]+)\s+(.+)$/.exec(text);
    if (src) {
      if (sources.has(src[1]!)) throw new Error(`standards line ${lineNo}: source ${src[1]} defined twice`);
      sources.set(src[1]!, src[2]!);
    }
  }
  for (const { text, lineNo } of lines) {
    if (text.startsWith('@')) continue;
    const at = `standards line ${lineNo}`;
    const f = text.split('|').map((x) => x.trim());
    if (f.length !== 6) throw new Error(`${at}: expected 6 fields "code | name | year | printed code | levels | source", got ${f.length}`);
    const [code, name, yearText, printed, levelsText, source] = f as [string, string, string, string, string, string];
    if (!CODE.test(code)) throw new Error(`${at}: code ${code} is not of the shape 0-00-00-00`);
    if (!byCode.has(code)) throw new Error(`${at}: code ${code} is not in the catalog`);
    if (byCode.get(code) !== name) throw new Error(`${at}: ${code} is ${byCode.get(code)} in the catalog, not ${name}`);
    const first = seen.get(code);
    if (first) throw new Error(`${at}: ${code} already on line ${first}`);
    seen.set(code, lineNo);
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year < 1990 || year > 2030) throw new Error(`${at}: year ${yearText} is not a year`);
    if (printed !== '-' && !CODE.test(printed)) throw new Error(`${at}: printed code ${printed} is not of the shape 0-00-00-00`);
    let levels: number[] = [];
    if (levelsText !== '-') {
      levels = levelsText.split(',').map((x) => Number(x.trim()));
      if (levels.some((l) => !Number.isInteger(l) || l < 1 || l > 5) || new Set(levels).size !== levels.length)
        throw new Error(`${at}: levels ${levelsText} are not distinct levels 1–5`);
    }
    if (!sources.has(source)) throw new Error(`${at}: source ${source} has no @${source} line`);
    const seed = seedByCode.get(code);
    if (seed) {
      if (!seed.standard) throw new Error(`${at}: ${code} has no standard in occupations.data.ts, the source says ${year}`);
      if (seed.standard.year !== year) throw new Error(`${at}: ${code} standard ${seed.standard.year} in occupations.data.ts, the source says ${year}`);
      if (printed !== '-' && seed.standard.code && seed.standard.code !== printed)
        throw new Error(`${at}: ${code} printed code ${seed.standard.code} in occupations.data.ts, the source says ${printed}`);
      crossChecked.push(code);
      continue;
    }
    entries.push({ code, year, printedCode: printed === '-' ? null : printed, levels, source });
  }
  // A former code may belong to one occupation only (look-ups must stay unambiguous).
  const formerOwner = new Map<string, string>();
  const claims: [string, string][] = [
    ...entries.filter((e) => e.printedCode && e.printedCode !== e.code).map((e): [string, string] => [e.printedCode!, e.code]),
    ...seeds.filter((o) => o.standard?.code && o.standard.code !== o.code).map((o): [string, string] => [o.standard!.code!, o.code]),
    ...otherFormerCodes.map(([former, code]): [string, string] => [former, code]),
  ];
  for (const [former, code] of claims) {
    const other = formerOwner.get(former);
    if (other && other !== code) throw new Error(`former code ${former} claimed by both ${other} and ${code}`);
    formerOwner.set(former, code);
  }
  const unused = [...sources.keys()].filter((k) => !lines.some((l) => !l.text.startsWith('@') && l.text.endsWith(`| ${k}`)));
  if (unused.length) throw new Error(`standards sources never used: ${unused.join(', ')}`);
  return { entries, crossChecked, sources };
}

/** Builds the generated module's text from the input file (throws on any structural or cross-check problem). */
export function build() {
  const lines = parse(readFileSync(INPUT, 'utf8'));
  const seen = new Map<string, number>();
  for (const l of lines) {
    const first = seen.get(l.code);
    if (first) throw new Error(`line ${l.lineNo}: code ${l.code} already on line ${first}`);
    seen.set(l.code, l.lineNo);
  }
  const minors = lines.filter((l) => l.code.length === 7);
  const occs = lines.filter((l) => l.code.length === 10);
  for (const o of occs) if (!seen.has(o.code.slice(0, 7))) throw new Error(`line ${o.lineNo}: 小类 ${o.code.slice(0, 7)} missing`);

  for (const [code, fix] of Object.entries(CORRECTIONS)) {
    const o = lines.find((x) => x.code === code);
    if (!o || o.name !== fix.from) throw new Error(`correction ${code}: source reads ${o?.name}, expected ${fix.from}`);
    o.name = fix.to;
  }

  // 中类 and 大类 names: from the "其他…" 小类 x-yy-99 / x-99-00 where the edition has one.
  const middleNames = new Map<string, string>(Object.entries(MIDDLE_NAMES_SEEN));
  const majorNames = new Map<string, string>([...Object.entries(MAJOR_NAMES_SEEN), ...Object.entries(MAJOR_NAMES_UNCONFIRMED)]);
  for (const m of minors) {
    const [major, middle, minor] = m.code.split('-') as [string, string, string];
    if (minor === '99' && m.name.startsWith('其他')) middleNames.set(`${major}-${middle}`, m.name.slice(2));
    if (middle === '99' && minor === '00') {
      middleNames.set(`${major}-99`, m.name);
      if (m.name.startsWith('其他') && !majorNames.has(major)) majorNames.set(major, m.name.slice(2));
    }
  }
  for (const m of minors) {
    const mid = m.code.slice(0, 4);
    // A 中类 with a single 小类 and no "其他…" sibling (7-01…7-04, 8-00) carries that 小类's name.
    if (!middleNames.has(mid)) middleNames.set(mid, m.name);
  }
  if (!majorNames.has('8')) majorNames.set('8', middleNames.get('8-00') ?? '');
  const middles = [...new Set(minors.map((m) => m.code.slice(0, 4)))].sort();
  const majors = [...new Set(minors.map((m) => m.code.slice(0, 1)))].sort();
  for (const mid of middles) if (!middleNames.get(mid)) throw new Error(`中类 ${mid} has no name`);
  // Second copy of the 大类, 中类 and 小类 names (the edition's 社会公示稿): every name must agree but the known differences.
  const secondGroups = dataLines(SECOND_COPY_GROUPS).map(({ text, lineNo }) => {
    const m = /^(\d(?:-\d{2}){0,2})\s+(.+)$/.exec(text);
    if (!m) throw new Error(`second-copy-groups.txt line ${lineNo}: not "code name": ${text}`);
    return [m[1]!, m[2]!] as const;
  });
  const groupProblems: string[] = [];
  const minorNames = new Map(minors.map((m) => [m.code, m.name]));
  const seenInCopy = new Set<string>();
  for (const [code, name] of secondGroups) {
    seenInCopy.add(code);
    const ours = code.length === 1 ? majorNames.get(code) : code.length === 4 ? middleNames.get(code) : minorNames.get(code);
    const agrees = name.endsWith('…') ? ours?.startsWith(name.slice(0, -1)) : ours === name;
    if (!agrees && DRAFT_DIFFERENCES[code] !== name) groupProblems.push(`${code}: second copy "${name}", ours "${ours}"`);
    if (agrees && code in DRAFT_DIFFERENCES) groupProblems.push(`${code}: listed as a known difference but agrees`);
  }
  for (const code of [...majors, ...middles, ...minors.map((m) => m.code)])
    if (!seenInCopy.has(code) && DRAFT_DIFFERENCES[code] !== '') groupProblems.push(`${code}: not in the second copy`);
  if (groupProblems.length) throw new Error(`group names disagree with the second copy:\n  ${groupProblems.join('\n  ')}`);
  for (const maj of majors) if (!majorNames.get(maj)) throw new Error(`大类 ${maj} has no name`);

  // Cross-checks: the 41 occupations loaded before, and the second copy.
  const byCode = new Map(occs.map((o) => [o.code, o.name]));
  const problems: string[] = [];
  for (const o of OCCUPATIONS) if (byCode.get(o.code) !== o.name) problems.push(`${o.code}: loaded "${o.name}", source "${byCode.get(o.code)}"`);
  for (const [code, name] of Object.entries(SECOND_COPY))
    if (byCode.get(code) !== name) problems.push(`${code}: second copy "${name}", source "${byCode.get(code)}"`);
  for (const code of Object.keys(ADDED_AFTER_2022)) if (!byCode.has(code)) problems.push(`${code}: flagged as added after 2022 but not in the source`);
  // The announcements read first and the batch lists must agree on every code both name.
  const later = laterAdditions(occs);
  for (const [code, year] of Object.entries(ADDED_AFTER_2022))
    if (later.get(code) !== year) problems.push(`${code}: flagged ${year} by an announcement, ${later.get(code) ?? 'absent'} in later-additions.txt`);
  if (problems.length) throw new Error(`cross-check failed:\n  ${problems.join('\n  ')}`);
  // Second copy of the 细类 (the 公示稿): every row agrees with source 1 (a draft name may be cut short: prefix) but the
  // listed differences; every source-1 row is in it, or a later addition, or listed as final-only. Checked both ways.
  const draftRows = dataLines(SECOND_COPY_OCCUPATIONS).map(({ text, lineNo }) => {
    const m = /^(\d-\d{2}-\d{2}-\d{2})\s+(\S+)$/.exec(text);
    if (!m) throw new Error(`second-copy-occupations.txt line ${lineNo}: not "code name": ${text}`);
    return [m[1]!, m[2]!] as const;
  });
  const draftCodes = new Set(draftRows.map(([c]) => c));
  if (draftCodes.size !== draftRows.length) problems.push('second-copy-occupations.txt repeats a code');
  for (const [code, name] of draftRows) {
    const agrees = byCode.get(code)?.startsWith(name) ?? false;
    const listed = DRAFT_OCC_DIFFERENCES[code];
    if (!agrees && listed !== name) problems.push(`${code}: 公示稿 "${name}", source 1 "${byCode.get(code)}"`);
    if (agrees && listed !== undefined) problems.push(`${code}: listed as a 公示稿 difference but agrees`);
  }
  for (const code of Object.keys(DRAFT_OCC_DIFFERENCES)) if (!draftCodes.has(code)) problems.push(`${code}: listed as a 公示稿 difference, not in it`);
  for (const o of occs) {
    const explained = draftCodes.has(o.code) || later.has(o.code) || FINAL_ONLY.has(o.code);
    if (!explained) problems.push(`${o.code} ${o.name}: in neither the 公示稿 nor the later additions nor FINAL_ONLY`);
    if (FINAL_ONLY.has(o.code) && (later.has(o.code) || (draftCodes.has(o.code) && byCode.get(o.code)?.startsWith(draftRows.find(([c]) => c === o.code)![1]))))
      problems.push(`${o.code}: listed as final-only but explained otherwise`);
  }
  for (const code of FINAL_ONLY) if (!byCode.has(code)) problems.push(`${code}: listed as final-only, not in source 1`);
  for (const [former, current] of FORMER_CODES) {
    if (!CODE.test(former) || !byCode.has(current)) problems.push(`former code ${former} → ${current}: bad shape or unknown code`);
    if (byCode.has(former)) problems.push(`former code ${former} is a live code`);
  }
  if (problems.length) throw new Error(`cross-check failed:\n  ${problems.join('\n  ')}`);
  const standards = standardsIndex(STANDARDS_INDEX, byCode, OCCUPATIONS, FORMER_CODES);

  const groups: [string, string, string][] = [
    ...majors.map((c): [string, string, string] => [c, majorNames.get(c)!, initialsOf(majorNames.get(c)!)]),
    ...middles.map((c): [string, string, string] => [c, middleNames.get(c)!, initialsOf(middleNames.get(c)!)]),
    ...minors.map((m): [string, string, string] => [m.code, m.name, initialsOf(m.name)]),
  ];
  const rows = occs.map((o) => [o.code, o.name, initialsOf(o.name), o.marks, SKILL_MAJORS.has(o.code[0]!) ? 1 : 0, later.get(o.code) ?? ''] as const);

  const q = (s: string) => JSON.stringify(s);
  const out = [
    '/**',
    ' * GENERATED by scripts/catalog/build-catalog.ts from scripts/catalog/dadian-2022.txt — do not edit by hand.',
    ' *',
    ' * 《中华人民共和国职业分类大典（2022年版）》: every 大类, 中类, 小类 and 细类 (occupation) found in public copies, with',
    " * the edition's markings (L 绿色职业, S 数字职业) and the pinyin initials of each name (computed at generation time).",
    ' *',
    ' * Sources (facts only: codes, names, hierarchy, markings; full list and gaps in docs/catalog-sources.md):',
    ' *  1. GitHub Mev0000/Job_Agent, data/graph_tables/Edges_Taxonomy.csv @ 94a0cfa1e04f89888390f964a4eeee2b32387ed6',
    ' *     (every 小类 and 细类 with code, name and L/S marks) and data/raw_jd/2022年职业分类大典（整体修订）.csv @ the',
    ' *     same commit (大类 1–2 and 中类 1-01…1-06 names). It includes occupations added after 2022 (新职业 2024, 2025).',
    " *  2. Cross-check: the 41 occupations loaded before (occupations.data.ts, checked against standards' front matter)",
    ' *     and a second independent copy pinning 11 code/name pairs (public validator script, stored file id 55493306383).',
    ' *  3. Published totals of the 2022 edition (8 大类, 79 中类, 450 小类, 1639 细类):',
    ' *     news.sohu.com/a/647726651_121123986 (《大典（2022年版）》职业分类体系表).',
    ' *  4. Later additions: news.qq.com/rain/a/20241118A04AH900, zgkjsz.com/page/2025/0224/25638922.shtml (2024, 19 新职业);',
    ' *     hk.crntt.com/doc/1071/1/9/1/107119151.html, sem.tongji.edu.cn/semch/53654.html (2025, 17 新职业); flagged by',
    ' *     name from the batch lists in scripts/catalog/later-additions.txt (GitHub kangvcar/JobE @ 6e14be4).',
    ' *  5. 大类/中类/小类 and 细类 checked against the 2022 社会公示稿 (scripts/catalog/second-copy-*.txt, kangvcar/JobE).',
    ' *  6. Standards index: scripts/catalog/standards-index.txt (STANDARD_SOURCES below names each source).',
    ' * 中类 names come from the edition\'s "其他…" 小类 (x-yy-99) or, where a 中类 has a single 小类, that 小类\'s name.',
    ' * Skill occupation (技能人员职业) = 大类 3–6.',
    ' */',
    '',
    `export const CATALOG_EDITION = '2022';`,
    '',
    '/** Totals the 2022 edition publishes (source 3). */',
    `export const PUBLISHED_2022 = { major: ${PUBLISHED_2022.major}, middle: ${PUBLISHED_2022.middle}, minor: ${PUBLISHED_2022.minor}, occupations: ${PUBLISHED_2022.occupations} } as const;`,
    '',
    '/** Published sizes of the later 新职业 batches whose occupations the source also lists (source 4). */',
    `export const PUBLISHED_ADDITIONS = { '2024': 19, '2025': 17 } as const;`,
    '',
    '/** [code, name, pinyin initials] of every 大类 (1 digit), 中类 (x-yy) and 小类 (x-yy-zz). */',
    'export const CATALOG_GROUPS: readonly (readonly [string, string, string])[] = [',
    ...groups.map((g) => `  [${g.map(q).join(', ')}],`),
    '];',
    '',
    '/** [code, name, pinyin initials, markings ("L", "S", "LS" or ""), skill occupation (1/0), added after 2022 in ("2024", "2025" or "")]. */',
    'export const CATALOG_OCCUPATIONS: readonly (readonly [string, string, string, string, 0 | 1, string])[] = [',
    ...rows.map((r) => `  [${q(r[0])}, ${q(r[1])}, ${q(r[2])}, ${q(r[3])}, ${r[4]}, ${q(r[5])}],`),
    '];',
    '',
    '/** Sources of the standards index (scripts/catalog/standards-index.txt), by key. */',
    'export const STANDARD_SOURCES: Readonly<Record<string, string>> = {',
    ...[...standards.sources].map(([k, v]) => `  ${k}: ${q(v)},`),
    '};',
    '',
    '/**',
    ' * National standards of occupations not researched in occupations.data.ts: [code, standard year, 职业编码 printed for',
    ' * the standard ("" when none), levels the source states ("" when none; never read from the standard itself, so',
    " * unverified), source key]. A printed code that differs from the code is the occupation's former (2015) code.",
    ' */',
    'export const CATALOG_STANDARDS: readonly (readonly [string, number, string, string, string])[] = [',
    ...standards.entries.map((e) => `  [${q(e.code)}, ${e.year}, ${q(e.printedCode ?? '')}, ${q(e.levels.join(','))}, ${q(e.source)}],`),
    '];',
    '',
    '/** Former codes not printed on a standard: [former code, current code, how it is known]. */',
    'export const CATALOG_FORMER_CODES: readonly (readonly [string, string, string])[] = [',
    ...FORMER_CODES.map((f) => `  [${f.map(q).join(', ')}],`),
    '];',
    '',
  ].join('\n');
  return {
    out,
    counts: {
      majors: majors.length,
      middles: middles.length,
      minors: minors.length,
      occupations: occs.length,
      flaggedLater: later.size,
      draftRows: draftRows.length,
      standards: standards.entries.length,
      standardsCrossChecked: standards.crossChecked.length,
    },
  };
}

function main() {
  const { out, counts } = build();
  if (process.argv.includes('--check')) {
    if (readFileSync(OUTPUT, 'utf8') !== out) {
      console.error(`${OUTPUT} is stale: run node --import tsx scripts/catalog/build-catalog.ts`);
      process.exit(1);
    }
    console.log('catalog up to date', counts);
  } else {
    writeFileSync(OUTPUT, out);
    console.log('wrote', OUTPUT, counts);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
