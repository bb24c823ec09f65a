import ExcelJS from 'exceljs';
import { EXTERNAL_CHANNELS, EXTERNAL_KINDS, type ExternalChannel, type ExternalKind } from '@skillcert/shared/api/external-certificates';
import { ID_TYPE_NAMES, ID_TYPES, type IdType } from '@skillcert/shared/api/enrolment';
import { loadUploadedWorkbook, readCell, type WithValidations } from '../../lib/xlsx.ts';
import type { RecordInput } from './external-certificates.rules.ts';

// 外部证书 Excel: the template (dropdowns for ID type, kind, channel, level) and its reader. Pure: no database.

export const SHEET = '外部证书 external';
export const MAX_ROWS = 5000;

export const KIND_NAMES: Record<ExternalKind, string> = {
  qualification: '国家职业资格证书',
  skill_level: '职业技能等级证书',
  special_ability: '专项职业能力证书',
  competition: '技能竞赛获奖证书',
  enterprise: '企业证书',
};
export const CHANNEL_NAMES: Record<ExternalChannel, string> = {
  national: '外部发证机关',
  partner_enterprise: '合作企业',
  social_organisation: '社会培训评价组织',
  competition: '技能竞赛',
  legacy: '平台启用前取得',
};

export const COLUMNS: readonly { field: keyof RecordInput; header: string; width: number }[] = [
  { field: 'holderName', header: '姓名 name', width: 12 },
  { field: 'idType', header: '证件类型 ID type', width: 20 },
  { field: 'idNumber', header: '证件号码 ID number', width: 22 },
  { field: 'gender', header: '性别 gender', width: 8 },
  { field: 'birthDate', header: '出生日期 birth date', width: 13 },
  { field: 'kind', header: '证书类别 kind', width: 20 },
  { field: 'channel', header: '获证渠道 channel', width: 18 },
  { field: 'issuerName', header: '发证机构 issuer', width: 26 },
  { field: 'number', header: '证书编号 number', width: 26 },
  { field: 'occupationCode', header: '职业编码 occupation code', width: 14 },
  { field: 'occupationName', header: '职业（工种）/项目名称 occupation', width: 22 },
  { field: 'workType', header: '工种/职业方向 work type', width: 16 },
  { field: 'level', header: '等级 level (1-5)', width: 10 },
  { field: 'issuedOn', header: '发证日期 issue date', width: 13 },
  { field: 'majorCode', header: '专业代码 major code', width: 12 },
];

const inverse = <T extends string>(values: readonly T[], names: Record<T, string>): Map<string, T> =>
  new Map(values.flatMap((v) => [[v, v] as const, [names[v], v] as const]));
const ID_INPUT = new Map<string, IdType>([...inverse(ID_TYPES, ID_TYPE_NAMES), ['身份证', 'resident_id']]);
const KIND_INPUT = inverse(EXTERNAL_KINDS, KIND_NAMES);
const CHANNEL_INPUT = inverse(EXTERNAL_CHANNELS, CHANNEL_NAMES);
const GENDER_INPUT: Record<string, 'male' | 'female'> = { 男: 'male', 女: 'female', male: 'male', female: 'female' };
const LEVEL_WORDS: Record<string, number> = { 一级: 1, 二级: 2, 三级: 3, 四级: 4, 五级: 5 };

/** The template: header row, dropdowns, and a second sheet with the lists. */
export async function externalTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.width, style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  const lists = wb.addWorksheet('lists');
  const columns: [string, string[]][] = [
    ['B', ID_TYPES.map((t) => ID_TYPE_NAMES[t])],
    ['D', ['男', '女']],
    ['F', EXTERNAL_KINDS.map((k) => KIND_NAMES[k])],
    ['G', EXTERNAL_CHANNELS.map((c) => CHANNEL_NAMES[c])],
    ['M', ['1', '2', '3', '4', '5']],
  ];
  for (const [i, [col, values]] of columns.entries()) {
    values.forEach((v, r) => {
      lists.getCell(r + 1, i + 1).value = v;
    });
    const letter = String.fromCharCode(65 + i);
    (ws as unknown as WithValidations).dataValidations.add(`${col}2:${col}${MAX_ROWS + 1}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`lists!$${letter}$1:$${letter}$${values.length}`],
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type ReadRows =
  | { ok: true; rows: (RecordInput & { row: number })[] }
  | { ok: false; code: 'EXTCERT.FILE_UNREADABLE' | 'EXTCERT.FILE_TOO_LARGE' | 'EXTCERT.TOO_MANY_ROWS' };

/** Every non-empty row of the first sheet; a value that is not one of a list's is read as null (the row is refused). */
export async function readExternalWorkbook(file: Buffer): Promise<ReadRows> {
  const load = await loadUploadedWorkbook(file);
  if (!load.ok) return { ok: false, code: load.reason === 'too_large' ? 'EXTCERT.FILE_TOO_LARGE' : 'EXTCERT.FILE_UNREADABLE' };
  const ws = load.wb.worksheets[0];
  if (!ws) return { ok: false, code: 'EXTCERT.FILE_UNREADABLE' };
  if (ws.rowCount > MAX_ROWS + 1) return { ok: false, code: 'EXTCERT.TOO_MANY_ROWS' };
  const rows: (RecordInput & { row: number })[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const cells = COLUMNS.map((_, i) => readCell(ws.getRow(r).getCell(i + 1).value));
    if (cells.every((c) => c.text === '' && !c.formula)) continue;
    const t = (i: number) => cells[i]?.text ?? '';
    const opt = (i: number) => t(i) || null;
    const levelText = t(12);
    const level = /^[1-5]$/.test(levelText) ? Number(levelText) : (LEVEL_WORDS[levelText] ?? null);
    rows.push({
      row: r,
      holderName: t(0),
      idType: t(1) ? (ID_INPUT.get(t(1)) ?? null) : 'resident_id',
      idNumber: t(2),
      gender: GENDER_INPUT[t(3)] ?? null,
      birthDate: opt(4),
      kind: KIND_INPUT.get(t(5)) ?? null,
      channel: CHANNEL_INPUT.get(t(6)) ?? null,
      issuerName: t(7),
      number: t(8).replace(/\s+/g, ' '),
      occupationCode: opt(9),
      occupationName: t(10),
      workType: opt(11),
      level: levelText && level === null ? -1 : level,
      issuedOn: t(13),
      majorCode: opt(14),
    });
  }
  return { ok: true, rows };
}
