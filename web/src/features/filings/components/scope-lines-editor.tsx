import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { FilingKind } from '@skillcert/shared/api/filings';
import type { SkillLevel } from '@skillcert/shared/domain';
import { Button, Col, Flex, Form, type FormInstance, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FilingFormValues } from '@/features/filings/components/filing-form-values';
import { useOccupation } from '@/features/occupations/api/get-occupation';
import { useSpecialItems } from '@/features/occupations/api/get-special-items';
import { OccupationSelect } from '@/features/occupations/components/occupation-select';

interface LineProps {
  form: FormInstance<FilingFormValues>;
  name: number;
  index: number;
}

/** occupation → level (limited to the occupation's standard) → 工种 when the standard names them. */
function OccupationLine({ form, name, index }: LineProps) {
  const { t } = useTranslation();
  const code = Form.useWatch(['scope', name, 'occupationCode'], form) as string | undefined;
  const occupation = useOccupation(code);
  const levels = occupation.data?.levels ?? [];
  const workTypes = occupation.data?.workTypes ?? [];
  return (
    <>
      <Col xs={24} md={10}>
        <Form.Item name={[name, 'occupationCode']} rules={[{ required: true, message: t('filings.scope.occupationRequired') }]} style={{ marginBottom: 8 }}>
          <OccupationSelect
            skill
            data-testid={`scope-occupation-${index}`}
            placeholder={t('filings.scope.occupation')}
            style={{ width: '100%' }}
            // Another occupation: its level and 工种 must be chosen again (Form.Item still stores the code).
            onChange={() => {
              form.setFieldValue(['scope', name, 'level'], undefined);
              form.setFieldValue(['scope', name, 'workType'], undefined);
            }}
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name={[name, 'level']} rules={[{ required: true, message: t('filings.scope.levelRequired') }]} style={{ marginBottom: 8 }}>
          <Select<SkillLevel>
            data-testid={`scope-level-${index}`}
            placeholder={code ? t('filings.scope.level') : t('filings.scope.pickOccupationFirst')}
            disabled={!code}
            loading={occupation.isFetching}
            options={levels.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
          />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        {workTypes.length > 0 ? (
          <Form.Item name={[name, 'workType']} style={{ marginBottom: 8 }}>
            <Select<string>
              allowClear
              data-testid={`scope-worktype-${index}`}
              placeholder={t('filings.scope.workType')}
              options={workTypes.map((w) => ({ value: w, label: w }))}
            />
          </Form.Item>
        ) : null}
      </Col>
    </>
  );
}

function SpecialItemLine({ name, index, province }: { name: number; index: number; province: string }) {
  const { t } = useTranslation();
  const items = useSpecialItems(province);
  return (
    <Col xs={24} md={22}>
      <Form.Item name={[name, 'specialItemId']} rules={[{ required: true, message: t('filings.scope.itemRequired') }]} style={{ marginBottom: 8 }}>
        <Select<string>
          showSearch={{ optionFilterProp: 'label' }}
          data-testid={`scope-item-${index}`}
          placeholder={t('filings.scope.item')}
          loading={items.isFetching}
          options={(items.data ?? []).map((i) => ({ value: i.id, label: i.code ? t('common.nameWithCode', { name: i.name, code: i.code }) : i.name }))}
        />
      </Form.Item>
    </Col>
  );
}

interface ScopeLinesEditorProps {
  form: FormInstance<FilingFormValues>;
  kind: FilingKind;
  /** 2-digit province code: 专项 items come from its catalog. */
  province: string;
  disabled?: boolean;
}

/** The filing's scope: one line per (occupation, level[, 工种]) — or per 专项职业能力 item. */
export function ScopeLinesEditor({ form, kind, province, disabled }: ScopeLinesEditorProps) {
  const { t } = useTranslation();
  return (
    <Form.List
      name="scope"
      rules={[
        {
          validator: async (_rule, lines: unknown[] | undefined) => {
            if (!lines || lines.length === 0) throw new Error(t('filings.scope.atLeastOne'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={0} data-testid="scope-lines">
          {fields.map((field, index) => (
            <Row key={field.key} gutter={8} align="top" data-testid={`scope-line-${index}`}>
              <Col flex="32px">
                <Typography.Text type="secondary" style={{ lineHeight: '32px' }}>
                  {index + 1}.
                </Typography.Text>
              </Col>
              <Col flex="auto">
                <Row gutter={8}>
                  {kind === 'skill_level' ? (
                    <OccupationLine form={form} name={field.name} index={index} />
                  ) : (
                    <SpecialItemLine name={field.name} index={index} province={province} />
                  )}
                  <Col xs={24} md={2}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      disabled={disabled}
                      aria-label={t('filings.scope.remove')}
                      onClick={() => remove(field.name)}
                      data-testid={`scope-remove-${index}`}
                    />
                  </Col>
                </Row>
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          <div>
            <Button type="dashed" icon={<PlusOutlined />} disabled={disabled} onClick={() => add({})} data-testid="scope-add">
              {t('filings.scope.add')}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}
