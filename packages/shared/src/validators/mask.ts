/**
 * 脱敏 — masking personal data for display wherever the whole value is not needed (DOMAIN.md §6).
 *
 * All functions are pure, trim their input, count characters by Unicode code point (so a rare character
 * outside the BMP, e.g. 𠮷, is one character) and never throw. Masking is for display only: it is not a
 * security boundary, the unmasked value must simply not be sent when it is not needed.
 */

const STAR = '*';

function chars(value: string): string[] {
  return Array.from(value.trim());
}

/**
 * Keep the first character, one `*` per remaining character: 段誉 → 段*, 欧阳修 → 欧**,
 * 阿依古丽·买买提 → 阿******* (the separator is masked too). A one-character name is returned unchanged
 * (there is nothing after the first character); '' stays ''.
 */
export function maskName(name: string): string {
  const cs = chars(name);
  if (cs.length === 0) return '';
  return (cs[0] ?? '') + STAR.repeat(cs.length - 1);
}

/**
 * Keep the first 3 and last 4 characters, one `*` per hidden character: 18012341999 → 180****1999.
 * Spaces and hyphens are removed first (180 1234 1999 → 180****1999); a `+86` prefix is kept as written
 * (+8618012341999 → +86*******1999). Values of 7 characters or fewer are masked completely.
 */
export function maskMobile(mobile: string): string {
  const cs = Array.from(mobile.replace(/[\s-]/g, ''));
  if (cs.length <= 7) return STAR.repeat(cs.length);
  return cs.slice(0, 3).join('') + STAR.repeat(cs.length - 7) + cs.slice(-4).join('');
}

/**
 * Keep the first character and the last two, length preserved:
 * 51010119900101123X → 5***************3X (1 + 15 stars + 2). A trailing lower-case x is shown as X.
 * Values of 3 characters or fewer are masked completely.
 */
export function maskIdCard(idNumber: string): string {
  const cs = chars(idNumber.toUpperCase());
  if (cs.length <= 3) return STAR.repeat(cs.length);
  return (cs[0] ?? '') + STAR.repeat(cs.length - 3) + cs.slice(-2).join('');
}

/** Characters that end an administrative unit name. */
const UNIT_SUFFIXES = new Set(['省', '市', '区', '县', '旗', '盟', '州']);

/**
 * Text that shows we have left the administrative prefix and are in the street address. A marker as the
 * first character of a unit does not count (路北区, 镇海区, 镇江市). 乡, 镇-in-the-middle and 道 are
 * deliberately absent: 萍乡市, 新乡县, 道里区.
 */
const STREET_MARKERS = ['路', '街', '巷', '弄', '号', '村', '镇', '栋', '幢', '楼', '室', '大道', '小区', '社区'];

type UnitLevel = 'upper' | 'city' | 'county';

/**
 * Classify a suffix character at index `j` of `s`, or undefined when it does not end a unit there
 * (州 only as 自治州: 杭州 is not a unit end, 杭州市 is).
 */
function classify(s: string, j: number): UnitLevel | undefined {
  const ch = s.charAt(j);
  const before2 = s.slice(Math.max(0, j - 2), j);
  switch (ch) {
    case '省':
    case '盟':
      return 'upper';
    case '州':
      return before2 === '自治' ? 'upper' : undefined;
    case '区':
      if (before2 === '自治' || before2 === '行政' || s.charAt(j - 1) === '地') return 'upper'; // 自治区, 特别行政区, 地区
      return 'county';
    case '市':
      return 'city';
    case '县':
    case '旗':
      return 'county';
    default:
      return undefined;
  }
}

/**
 * Keep the address up to and including the county-level unit (区/县/旗, or a county-level 市), then `****`:
 *   上海市浦东新区张江路100号           → 上海市浦东新区****
 *   新疆维吾尔自治区乌鲁木齐市新市区北京南路 → 新疆维吾尔自治区乌鲁木齐市新市区****
 *   江苏省苏州市昆山市玉山镇…             → 江苏省苏州市昆山市****
 *   广东省东莞市南城街道…                → 广东省东莞市**** (a city without districts)
 *
 * How: read administrative units from the start, each "name + suffix" (省, 自治区, 特别行政区, 市, 自治州,
 * 地区, 盟, 区, 县, 旗). Stop at the first county-level unit (区 that is not 自治区/地区/特别行政区, 县, 旗)
 * and cut after it. If reading stops first (no further suffix, or the text before the next suffix contains a
 * street marker such as 路/街/号/小区), cut after the last 市 read, else after the last unit read. `市市`
 * and `市区` are read as one unit (津市市, 沙市区, 新市区).
 * With no recognisable unit at all the whole address is masked (`****`). When nothing follows the cut, the
 * address is returned as is (trimmed). This is a heuristic: it errs on the side of revealing less.
 */
export function maskAddress(address: string): string {
  const s = address.trim();
  if (s === '') return '';
  let pos = 0;
  let cut = 0;
  let lastCityEnd = 0;
  let countyEnd = 0;
  while (pos < s.length) {
    // Nearest unit end, with at least one name character before it.
    let end = -1;
    let level: UnitLevel | undefined;
    for (let j = pos + 1; j < s.length; j++) {
      if (!UNIT_SUFFIXES.has(s.charAt(j))) continue;
      level = classify(s, j);
      if (level !== undefined) {
        end = j;
        break;
      }
    }
    if (end < 0 || level === undefined) break;
    if (level === 'city' && (s.charAt(end + 1) === '市' || s.charAt(end + 1) === '区')) {
      end += 1;
      level = s.charAt(end) === '区' ? 'county' : 'city';
    }
    const inner = s.slice(pos + 1, end + 1);
    if (STREET_MARKERS.some((m) => inner.includes(m))) break;
    pos = end + 1;
    cut = pos;
    if (level === 'city') lastCityEnd = pos;
    if (level === 'county') {
      countyEnd = pos;
      break;
    }
  }
  const keep = countyEnd || lastCityEnd || cut;
  if (keep === 0) return '****';
  return keep >= s.length ? s : `${s.slice(0, keep)}****`;
}
