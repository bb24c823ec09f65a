import { pinyin } from 'pinyin-pro';

/** Pinyin initials of a Chinese name, lower case, other characters dropped: 工业机器人系统操作员 → gyjqrxtczy. */
export function pinyinInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' })
    .join('')
    .replace(/[^a-z]/gi, '')
    .toLowerCase()
    .slice(0, 64);
}
