import { createHash } from 'node:crypto';
import type { ItemType } from '@skillcert/shared/api/banks';
import type { Locale } from '../../context.ts';
import { bankMessage, itemTypeName, joinList } from './items.messages.ts';
import { round2 } from '@skillcert/shared/numbers';

/**
 * The stem as compared for duplicates: full-width forms folded to ASCII (NFKC), case folded,
 * whitespace and punctuation (Chinese and Western) dropped. "下列哪项 （ ）是正确的？" ≡ "下列哪项()是正确的?".
 */
export function normalizeStem(stem: string): string {
  return stem
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Exact-duplicate key of an item inside one blueprint: its type and normalized stem. */
export function itemFingerprint(type: string, stem: string): string {
  return createHash('sha256')
    .update(`${type}\n${normalizeStem(stem)}`)
    .digest('hex')
    .slice(0, 32);
}

export interface BlueprintShape {
  theory: readonly { code: string; points: readonly { code: string }[] }[];
  skills: readonly { code: string; points: readonly { code: string }[] }[];
}

export interface ItemContent {
  type: ItemType;
  areaCode: string;
  pointCode?: string | null;
  options: readonly { key: string; text: string }[];
  answer: readonly string[];
  referenceAnswer?: string | null;
  points: number;
  rubric?: { criteria: readonly { points: number }[] } | null;
}

export interface ContentIssue {
  field: 'areaCode' | 'pointCode' | 'options' | 'answer' | 'referenceAnswer' | 'rubric' | 'points';
  message: string;
}

/** Theory items sit on the 理论知识比重表, practical tasks on the 技能要求比重表. */
export const partOfType = (type: ItemType): 'theory' | 'skills' => (type === 'practical' ? 'skills' : 'theory');

const sum = (xs: readonly number[]) => round2(xs.reduce((a, b) => a + b, 0));

/**
 * What is wrong with an item's content against its type and blueprint, worded in `locale`; empty when it may be stored.
 * Option keys run A, B, C … in order; the answer key names options that exist; rubric points add up to the item's points.
 */
export function checkItemContent(item: ItemContent, blueprint: BlueprintShape, locale: Locale = 'zh-CN'): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const say = (field: ContentIssue['field'], message: string) => issues.push({ field, message });
  const part = partOfType(item.type);
  const area = blueprint[part].find((a) => a.code === item.areaCode);
  if (!area) {
    say('areaCode', bankMessage(locale, part === 'theory' ? 'rules.noKnowledgeArea' : 'rules.noSkillArea', { area: item.areaCode }));
  } else if (area.points.length > 0) {
    if (!item.pointCode)
      say(
        'pointCode',
        bankMessage(locale, 'rules.pointRequired', {
          area: area.code,
          points: joinList(
            locale,
            area.points.map((p) => p.code),
          ),
        }),
      );
    else if (!area.points.some((p) => p.code === item.pointCode))
      say('pointCode', bankMessage(locale, 'rules.noPointInArea', { area: area.code, point: item.pointCode }));
  } else if (item.pointCode) {
    say('pointCode', bankMessage(locale, 'rules.areaHasNoPoints', { area: area.code }));
  }

  const keys = item.options.map((o) => o.key);
  const choice = item.type === 'single' || item.type === 'multiple';
  if (choice) {
    const min = item.type === 'single' ? 2 : 3;
    if (keys.length < min) say('options', bankMessage(locale, item.type === 'single' ? 'rules.singleTooFewOptions' : 'rules.multipleTooFewOptions', { min }));
    else if (keys.some((k, i) => k !== String.fromCharCode(65 + i))) say('options', bankMessage(locale, 'rules.optionGaps'));
    const answer = [...new Set(item.answer)];
    const unknown = answer.filter((a) => !keys.includes(a));
    if (unknown.length) say('answer', bankMessage(locale, 'rules.answerUnknown', { keys: joinList(locale, unknown) }));
    else if (item.type === 'single' && answer.length !== 1) say('answer', bankMessage(locale, 'rules.singleOneAnswer'));
    else if (item.type === 'multiple' && answer.length < 2) say('answer', bankMessage(locale, 'rules.multipleTwoAnswers'));
  } else {
    if (keys.length) say('options', bankMessage(locale, 'rules.noOptions', { type: itemTypeName(locale, item.type) }));
    if (item.type === 'judge') {
      if (item.answer.length !== 1 || (item.answer[0] !== 'true' && item.answer[0] !== 'false')) say('answer', bankMessage(locale, 'rules.judgeAnswer'));
    } else if (item.answer.length) {
      say('answer', bankMessage(locale, 'rules.noAnswerKey', { type: itemTypeName(locale, item.type) }));
    }
  }
  if (item.type === 'subjective' && !item.referenceAnswer) say('referenceAnswer', bankMessage(locale, 'rules.referenceRequired'));
  if (item.type === 'practical' && !item.rubric) say('rubric', bankMessage(locale, 'rules.rubricRequired'));
  if (item.rubric) {
    if (!(item.type === 'subjective' || item.type === 'practical')) say('rubric', bankMessage(locale, 'rules.rubricNotAllowed'));
    const total = sum(item.rubric.criteria.map((c) => c.points));
    if (total !== item.points) say('rubric', bankMessage(locale, 'rules.rubricTotal', { total, points: item.points }));
  }
  return issues;
}

/** What 题库保密 lets one reader see of an item: the answer side (key, reference answer, explanation) and the rubric. */
export interface AnswerSight {
  answers: boolean;
  rubric: boolean;
}

interface AnswerSide {
  answer: string[];
  referenceAnswer?: string | null;
  analysis?: string | null;
  rubric?: unknown;
}

/**
 * The item (or paper item, or item version) as a reader outside the bank staff sees it: no answer key, reference
 * answer or explanation unless `sight.answers`; no rubric unless `sight.rubric`. Fields the input lacks stay absent.
 */
export function withholdAnswers<T extends AnswerSide>(x: T, sight: AnswerSight): T {
  const out: T = { ...x };
  if (!sight.answers) {
    out.answer = [];
    if ('referenceAnswer' in x) out.referenceAnswer = null;
    if ('analysis' in x) out.analysis = null;
  }
  if (!sight.rubric && 'rubric' in x) out.rubric = null;
  return out;
}
