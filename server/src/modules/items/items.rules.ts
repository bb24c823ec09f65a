import { createHash } from 'node:crypto';
import type { ItemType } from '@skillcert/shared/api/banks';

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
  return createHash('sha256').update(`${type}\n${normalizeStem(stem)}`).digest('hex').slice(0, 32);
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

const sum = (xs: readonly number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;

/**
 * What is wrong with an item's content against its type and blueprint; empty when it may be stored.
 * Option keys run A, B, C … in order; the answer key names options that exist; rubric points add up to the item's points.
 */
export function checkItemContent(item: ItemContent, blueprint: BlueprintShape): ContentIssue[] {
  const issues: ContentIssue[] = [];
  const part = partOfType(item.type);
  const area = blueprint[part].find((a) => a.code === item.areaCode);
  if (!area) {
    issues.push({ field: 'areaCode', message: `no ${part === 'theory' ? 'knowledge' : 'skill'} area "${item.areaCode}" in the blueprint` });
  } else if (area.points.length > 0) {
    if (!item.pointCode) issues.push({ field: 'pointCode', message: `area "${area.code}" has points; name one (${area.points.map((p) => p.code).join(', ')})` });
    else if (!area.points.some((p) => p.code === item.pointCode)) issues.push({ field: 'pointCode', message: `no point "${item.pointCode}" in area "${area.code}"` });
  } else if (item.pointCode) {
    issues.push({ field: 'pointCode', message: `area "${area.code}" has no points` });
  }

  const keys = item.options.map((o) => o.key);
  const choice = item.type === 'single' || item.type === 'multiple';
  if (choice) {
    const min = item.type === 'single' ? 2 : 3;
    if (keys.length < min) issues.push({ field: 'options', message: `${item.type === 'single' ? 'single' : 'multiple'} choice needs at least ${min} options` });
    else if (keys.some((k, i) => k !== String.fromCharCode(65 + i))) issues.push({ field: 'options', message: 'options must be A, B, C … without gaps' });
    const answer = [...new Set(item.answer)];
    const unknown = answer.filter((a) => !keys.includes(a));
    if (unknown.length) issues.push({ field: 'answer', message: `answer names no option: ${unknown.join(', ')}` });
    else if (item.type === 'single' && answer.length !== 1) issues.push({ field: 'answer', message: 'single choice has exactly one correct option' });
    else if (item.type === 'multiple' && answer.length < 2) issues.push({ field: 'answer', message: 'multiple choice has at least two correct options' });
  } else {
    if (keys.length) issues.push({ field: 'options', message: `${item.type} items have no options` });
    if (item.type === 'judge') {
      if (item.answer.length !== 1 || (item.answer[0] !== 'true' && item.answer[0] !== 'false')) issues.push({ field: 'answer', message: 'true/false answer must be true or false' });
    } else if (item.answer.length) {
      issues.push({ field: 'answer', message: `${item.type} items are marked on the reference answer and rubric, not an answer key` });
    }
  }
  if (item.type === 'subjective' && !item.referenceAnswer) issues.push({ field: 'referenceAnswer', message: 'a subjective item needs a reference answer' });
  if (item.type === 'practical' && !item.rubric) issues.push({ field: 'rubric', message: 'a practical task needs a rubric (评分细则)' });
  if (item.rubric) {
    if (!(item.type === 'subjective' || item.type === 'practical')) issues.push({ field: 'rubric', message: 'only subjective items and practical tasks carry a rubric' });
    const total = sum(item.rubric.criteria.map((c) => c.points));
    if (total !== item.points) issues.push({ field: 'rubric', message: `rubric criteria add up to ${total}, the item is worth ${item.points}` });
  }
  return issues;
}
