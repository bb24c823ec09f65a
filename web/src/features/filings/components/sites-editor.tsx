import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Flex, Form, Input, InputNumber, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { EMPTY_SITE } from '@/features/filings/components/filing-form-values';

/** Exam sites: the school's own, or declared partner sites (R9: no subcontracting). */
export function SitesEditor({ disabled }: { disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Form.List name="sites">
      {(fields, { add, remove }) => (
        <Flex vertical data-testid="sites-editor">
          {fields.map((field, index) => (
            <Row key={field.key} gutter={8} align="top" data-testid={`site-row-${index}`}>
              <Col xs={24} md={6}>
                <Form.Item
                  name={[field.name, 'name']}
                  rules={[{ required: true, whitespace: true, message: t('filings.sites.nameRequired') }, { max: 100 }]}
                  style={{ marginBottom: 8 }}
                >
                  <Input placeholder={t('filings.sites.name')} data-testid={`site-name-${index}`} />
                </Form.Item>
              </Col>
              <Col xs={24} md={9}>
                <Form.Item
                  name={[field.name, 'address']}
                  rules={[{ required: true, whitespace: true, message: t('filings.sites.addressRequired') }, { max: 200 }]}
                  style={{ marginBottom: 8 }}
                >
                  <Input placeholder={t('filings.sites.address')} data-testid={`site-address-${index}`} />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item
                  name={[field.name, 'capacity']}
                  rules={[{ required: true, message: t('filings.sites.capacityRequired') }]}
                  style={{ marginBottom: 8 }}
                >
                  <InputNumber
                    min={1}
                    max={10000}
                    precision={0}
                    placeholder={t('filings.sites.capacity')}
                    style={{ width: '100%' }}
                    data-testid={`site-capacity-${index}`}
                  />
                </Form.Item>
              </Col>
              <Col xs={8} md={3}>
                <Form.Item name={[field.name, 'owned']} valuePropName="checked" style={{ marginBottom: 8 }}>
                  <Checkbox data-testid={`site-owned-${index}`}>{t('filings.sites.owned')}</Checkbox>
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
                  data-testid={`site-remove-${index}`}
                />
              </Col>
            </Row>
          ))}
          <div>
            <Button type="dashed" icon={<PlusOutlined />} disabled={disabled} onClick={() => add({ ...EMPTY_SITE })} data-testid="site-add">
              {t('filings.sites.add')}
            </Button>
          </div>
        </Flex>
      )}
    </Form.List>
  );
}
