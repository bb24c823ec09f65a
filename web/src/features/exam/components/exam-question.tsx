import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExamItem, ExamResponse } from '@/features/exam/api/exam-api';
import type { LocalAnswer } from '@/features/exam/lib/use-exam';

const TEXT_DEBOUNCE_MS = 700;

function keysOf(r: ExamResponse | undefined): string[] {
  return r && 'keys' in r ? r.keys : [];
}

/** A 简答 answer: saved a moment after typing pauses, and when the field loses focus. */
function TextAnswer({
  item,
  number,
  value,
  disabled,
  onGive,
}: {
  item: ExamItem;
  number: number;
  value: string;
  disabled: boolean;
  onGive: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const last = useRef(value);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    // A newer value from elsewhere (a resume): show it unless the candidate is typing.
    if (timer.current === undefined) {
      setText(value);
      last.current = value;
    }
  }, [value]);
  const commit = (v: string) => {
    window.clearTimeout(timer.current);
    timer.current = undefined;
    if (v !== last.current) {
      last.current = v;
      onGive(v);
    }
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return (
    <textarea
      className="lt-input ex-text"
      rows={6}
      value={text}
      disabled={disabled}
      placeholder={t('exam.answerPlaceholder')}
      aria-label={t('exam.itemTitle', { n: number })}
      name={`q-${item.itemId}`}
      onChange={(e) => {
        const v = e.target.value;
        setText(v);
        window.clearTimeout(timer.current);
        timer.current = window.setTimeout(() => commit(v), TEXT_DEBOUNCE_MS);
      }}
      onBlur={(e) => commit(e.target.value)}
      data-testid="exam-text"
    />
  );
}

/** One question: stem, options in the candidate's order (or 正确/错误, or a text box), flag, and its save state. */
export function ExamQuestion({
  item,
  number,
  answer,
  disabled,
  onGive,
}: {
  item: ExamItem;
  number: number;
  answer: LocalAnswer | undefined;
  disabled: boolean;
  onGive: (itemId: string, change: { response?: ExamResponse; flagged?: boolean }) => void;
}) {
  const { t } = useTranslation();
  const chosen = keysOf(answer?.response);
  const name = `q-${item.itemId}`;
  const options =
    item.type === 'judge' && item.options.length === 0
      ? [
          { key: 'true', text: t('exam.judgeTrue') },
          { key: 'false', text: t('exam.judgeFalse') },
        ]
      : item.options;
  const multiple = item.type === 'multiple';
  const choose = (key: string, on: boolean) => {
    if (!multiple) return onGive(item.itemId, { response: { keys: [key] } });
    const next = on ? [...chosen.filter((k) => k !== key), key].sort() : chosen.filter((k) => k !== key);
    onGive(item.itemId, { response: { keys: next } });
  };
  const state = answer ? answer.state : null;
  return (
    <article className="ex-question" data-testid="exam-item" data-item-id={item.itemId} data-number={number}>
      <header className="ex-question-head">
        <strong>{t('exam.itemTitle', { n: number })}</strong>
        <span className="lt-tag">{t(`exam.types.${item.type}`)}</span>
        <span className="lt-muted">{t('exam.points', { points: item.points })}</span>
        <span className="ex-spacer" />
        {state ? (
          <span className={`ex-save ex-save-${state}`} data-testid="exam-save-state" data-state={state} role="status">
            {t(`exam.save.${state}`)}
          </span>
        ) : null}
        <button
          type="button"
          className={`lt-btn ex-flag${answer?.flagged ? ' ex-flag-on' : ''}`}
          aria-pressed={answer?.flagged ?? false}
          disabled={disabled}
          onClick={() => onGive(item.itemId, { flagged: !(answer?.flagged ?? false) })}
          data-testid="exam-flag"
        >
          ⚑ {answer?.flagged ? t('exam.unflag') : t('exam.flag')}
        </button>
      </header>
      <p className="ex-stem">{item.stem}</p>
      {item.type === 'subjective' ? (
        <TextAnswer
          item={item}
          number={number}
          value={answer && 'text' in answer.response ? answer.response.text : ''}
          disabled={disabled}
          onGive={(text) => onGive(item.itemId, { response: { text } })}
        />
      ) : (
        <fieldset className="ex-options">
          <legend className="sr-only">{t('exam.itemTitle', { n: number })}</legend>
          {options.map((o) => {
            const on = chosen.includes(o.key);
            return (
              <label key={o.key} className={`ex-option${on ? ' ex-option-on' : ''}`} data-testid="exam-option" data-key={o.key}>
                <input
                  type={multiple ? 'checkbox' : 'radio'}
                  name={name}
                  value={o.key}
                  checked={on}
                  disabled={disabled}
                  onChange={(e) => choose(o.key, e.target.checked)}
                />
                {item.type === 'judge' ? null : <span className="ex-option-key">{o.key}.</span>}
                <span>{o.text}</span>
              </label>
            );
          })}
        </fieldset>
      )}
    </article>
  );
}
