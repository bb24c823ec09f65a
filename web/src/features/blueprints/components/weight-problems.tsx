import type { WeightProblem } from '@skillcert/shared/api/banks';
import { Alert } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { problemText } from '@/features/blueprints/components/blueprint-nodes';

/** The server's weight problems of a blueprint (papers can be assembled only when there are none). */
export function WeightProblems({ problems, style }: { problems: readonly WeightProblem[]; style?: CSSProperties }) {
  const { t } = useTranslation();
  if (problems.length === 0) {
    return <Alert type="success" showIcon title={t('blueprints.noProblems')} style={style} data-testid="blueprint-problems" data-count={0} />;
  }
  return (
    <Alert
      type="warning"
      showIcon
      style={style}
      data-testid="blueprint-problems"
      data-count={problems.length}
      title={t('blueprints.problemsTitle', { count: problems.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {problems.map((p, i) => (
            <li key={i}>{problemText(p, t)}</li>
          ))}
        </ul>
      }
    />
  );
}
