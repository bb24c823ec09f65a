import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Form, type FormInstance, Input, InputNumber, Row, Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export interface BlueprintRow {
  area?: string;
  weight?: number;
}

/** Σ weight, to one decimal (floating point aside). */
export function weightSum(rows: readonly (BlueprintRow | undefined)[] | undefined): number {
  return Math.round((rows ?? []).reduce((a, r) => a + (r?.weight ?? 0), 0) * 10) / 10;
}

interface BlueprintEditorProps {
  /** `theory` (理论知识比重表) or `skills` (技能要求比重表). */
  name: 'theory' | 'skills';
  form: FormInstance;
  disabled?: boolean;
}

/** Areas and their weights (%), with the running sum — which must reach 100 before the spec can be filed. */
export function BlueprintEditor({ name, form, disabled }: BlueprintEditorProps) {
  const { t } = useTranslation();
  const rows = Form.useWatch(name, form) as BlueprintRow[] | undefined;
  const sum = weightSum(rows);
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <Flex vertical data-testid={`spec-${name}-editor`}>
          {fields.map((field, index) => (
            <Row key={field.key} gutter={8}>
              <Col span={15}>
                <Form.Item
                  name={[field.name, 'area']}
                  rules={[{ required: true, whitespace: true, message: t('specs.form.areaRequired') }, { max: 100 }]}
                  style={{ marginBottom: 8 }}
                >
                  <Input placeholder={t('specs.form.area')} data-testid={`spec-${name}-area-${index}`} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item name={[field.name, 'weight']} rules={[{ required: true, message: t('common.required') }]} style={{ marginBottom: 8 }}>
                  <InputNumber
                    min={0}
                    max={100}
                    suffix="%"
                    placeholder={t('specs.form.weight')}
                    style={{ width: '100%' }}
                    data-testid={`spec-${name}-weight-${index}`}
                  />
                </Form.Item>
              </Col>
              <Col span={3}>
                <Button type="text" danger icon={<DeleteOutlined />} disabled={disabled} onClick={() => remove(field.name)} aria-label={t('common.delete')} />
              </Col>
            </Row>
          ))}
          <Flex justify="space-between" align="center">
            <Button type="dashed" size="small" icon={<PlusOutlined />} disabled={disabled} onClick={() => add({})} data-testid={`spec-${name}-add`}>
              {t('specs.form.addArea')}
            </Button>
            <Tag color={sum === 100 ? 'success' : 'error'} data-testid={`spec-${name}-sum`} data-sum={sum}>
              {sum === 100 ? t('specs.form.sumOk') : `${t('specs.form.sum', { sum })} · ${t('specs.form.sumMustBe100')}`}
            </Tag>
          </Flex>
        </Flex>
      )}
    </Form.List>
  );
}
