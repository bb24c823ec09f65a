import type { SkillLevel } from '@skillcert/shared/domain';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<SkillLevel, string> = { 5: 'default', 4: 'blue', 3: 'geekblue', 2: 'purple', 1: 'magenta' };

/** A skill level in words: 四级 / 中级工 (or, `short`, 四级). */
export function LevelTag({ level, short = false }: { level: SkillLevel; short?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[level]} style={{ marginInlineEnd: 4 }}>
      {short ? t(`levelsShort.${level}`) : t(`levels.${level}`)}
    </Tag>
  );
}
