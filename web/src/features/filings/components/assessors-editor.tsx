import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { RosterAssessor } from '@skillcert/shared/api/filings';
import { Button, Col, Flex, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { EMPTY_ASSESSOR } from '@/features/filings/components/filing-form-values';
import { OccupationSelect } from '@/features/occupations/components/occupation-select';

const AFFILIATIONS: RosterAssessor['affiliation'][] = ['teacher', 'enterprise_expert'];

/** The assessor roster (考评员): the school's teachers and declared enterprise experts. */
export function AssessorsEditor({ disabled }: { disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.List name="assessors">
      {(fields, { add, remove }) => (
        <Flex vertical data-testid="assessors-editor">
          {fields.map((field, index) => (
            <Row key={field.key} gutter={8} align="top" data-testid={`assessor-row-${index}`}>
              <Col xs={12} md={4}>
                <Form.Item
                  name={[field.name, 'name']}
                  rules={[{ required: true, whitespace: true, message: t('filings.assessors.nameRequired') }, { max: 50 }]}
                  style={{ marginBottom: 8 }}
                >
                  <Input placeholder={t('filings.assessors.name')} data-testid={`assessor-name-${index}`} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item
                  name={[field.name, 'certificateNo']}
                  rules={[{ required: true, whitespace: true, message: t('filings.assessors.certificateRequired') }, { max: 50 }]}
                  style={{ marginBottom: 8 }}
                >
                  <Input placeholder={t('filings.assessors.certificateNo')} data-testid={`assessor-cert-${index}`} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name={[field.name, 'occupationCode']} style={{ marginBottom: 8 }}>
                  <OccupationSelect
                    allowClear
                    placeholder={t('filings.assessors.occupation')}
                    style={{ width: '100%' }}
                    data-testid={`assessor-occupation-${index}`}
                  />
                </Form.Item>
              </Col>
              <Col xs={20} md={4}>
                <Form.Item name={[field.name, 'affiliation']} rules={[{ required: true, message: t('common.required') }]} style={{ marginBottom: 8 }}>
                  <Select<RosterAssessor['affiliation']>
                    data-testid={`assessor-affiliation-${index}`}
                    options={AFFILIATIONS.map((a) => ({ value: a, label: t(`affiliations.${a}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={4} md={2}>
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  disabled={disabled}
                  aria-label={t('common.delete')}
                  onClick={() => remove(field.name)}
                  data-testid={`assessor-remove-${index}`}
                />
              </Col>
            </Row>
          ))}
          <div>
            <Button type="dashed" icon={<PlusOutlined />} disabled={disabled} onClick={() => add({ ...EMPTY_ASSESSOR })} data-testid="assessor-add">
              {t('filings.assessors.add')}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}
