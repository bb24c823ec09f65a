import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { BlueprintPart, WeightProblem } from '@skillcert/shared/api/banks';
import { NodeCode } from '@skillcert/shared/api/banks';
import { Button, Card, Col, Flex, Form, type FormInstance, Input, InputNumber, Popconfirm, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { schemaRule } from '@/lib/form';
import { round2 } from '@skillcert/shared/numbers';

export interface PointRow {
  code?: string;
  name?: string;
  weight?: number;
}

export interface AreaRow extends PointRow {
  points?: PointRow[];
}

/** Σ weight of rows, to two decimals (as the server's blueprint rules). */
export function sumOf(rows: readonly (PointRow | undefined)[] | undefined): number {
  return round2((rows ?? []).reduce((a, r) => a + (r?.weight ?? 0), 0));
}

/** The rows as the API's areas (codes and names trimmed, missing weights 0). */
export function areasBody(rows: readonly AreaRow[] | undefined) {
  const point = (p: PointRow) => ({ code: (p.code ?? '').trim(), name: (p.name ?? '').trim(), weight: p.weight ?? 0 });
  return (rows ?? []).map((a) => ({ ...point(a), points: (a.points ?? []).map(point) }));
}

interface BlueprintAreasEditorProps {
  part: BlueprintPart;
  form: FormInstance;
  disabled?: boolean;
  /** The server's problems of the saved blueprint (shown beside the live sums). */
  problems?: readonly WeightProblem[];
  /** Reviewed / total items per area code (saved blueprint). */
  counts?: Map<string, { reviewed: number; total: number }>;
}

/**
 * One part of the 鉴定要素细目表: areas (知识 / 技能领域) with weights that add up to 100, each with optional
 * points (鉴定点) whose weights add up to the area's weight; running sums shown live.
 */
export function BlueprintAreasEditor({ part, form, disabled, problems = [], counts }: BlueprintAreasEditorProps) {
  const { t } = useTranslation();
  const rows = Form.useWatch(part, form) as AreaRow[] | undefined;
  const total = sumOf(rows);
  const partProblem = problems.find((p) => p.part === part && p.areaCode === null);
  const codeRules = [{ required: true, message: t('blueprints.form.codeRequired') }, schemaRule(NodeCode, t('blueprints.form.codeFormat'))];

  return (
    <Card
      size="small"
      title={t(`blueprints.parts.${part}`)}
      extra={
        <Flex gap={4}>
          <Tag color={total === 100 ? 'success' : 'error'} data-testid={`blueprint-${part}-sum`} data-sum={total}>
            {total === 100 ? t('blueprints.form.partSumOk') : t('blueprints.form.partSum', { sum: total })}
          </Tag>
          {partProblem ? (
            <Tag color="warning" data-testid={`blueprint-${part}-problem`}>
              {t('blueprints.form.serverSaid', { sum: partProblem.sum, expected: partProblem.expected })}
            </Tag>
          ) : null}
        </Flex>
      }
      style={{ marginBottom: 16 }}
      data-testid={`blueprint-${part}-editor`}
    >
      <Form.List name={part}>
        {(areas, { add, remove }) => (
          <Flex vertical gap={12}>
            {areas.length === 0 ? <Typography.Text type="secondary">{t('blueprints.form.noAreas')}</Typography.Text> : null}
            {areas.map((area, index) => {
              const row = rows?.[index];
              const points = row?.points ?? [];
              const pointSum = sumOf(points);
              const areaWeight = round2(row?.weight ?? 0);
              const areaProblem = problems.find((p) => p.part === part && p.areaCode !== null && p.areaCode === row?.code);
              const count = row?.code ? counts?.get(row.code) : undefined;
              return (
                <div
                  key={area.key}
                  style={{ border: '1px solid rgba(5,5,5,0.08)', borderRadius: 6, padding: '10px 10px 0' }}
                  data-testid={`blueprint-${part}-area-${index}`}
                >
                  <Row gutter={8} align="top">
                    <Col flex="110px">
                      <Form.Item name={[area.name, 'code']} rules={codeRules} style={{ marginBottom: 10 }}>
                        <Input placeholder={t('blueprints.form.code')} data-testid={`blueprint-${part}-code-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col flex="auto">
                      <Form.Item
                        name={[area.name, 'name']}
                        rules={[{ required: true, whitespace: true, message: t('blueprints.form.nameRequired') }, { max: 200 }]}
                        style={{ marginBottom: 10 }}
                      >
                        <Input placeholder={t(`blueprints.form.areaName_${part}`)} data-testid={`blueprint-${part}-name-${index}`} />
                      </Form.Item>
                    </Col>
                    <Col flex="130px">
                      <Form.Item
                        name={[area.name, 'weight']}
                        rules={[{ required: true, message: t('blueprints.form.weightRequired') }]}
                        style={{ marginBottom: 10 }}
                      >
                        <InputNumber
                          min={0}
                          max={100}
                          suffix="%"
                          placeholder={t('blueprints.form.weight')}
                          style={{ width: '100%' }}
                          data-testid={`blueprint-${part}-weight-${index}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="40px">
                      {count && count.total > 0 ? (
                        // Items sit on this area: say how many before it goes (the server refuses to save it while they do).
                        <Popconfirm
                          title={t('usability.deleteAreaTitle', { code: row?.code ?? '', name: row?.name ?? '' })}
                          description={t('usability.deleteAreaItems', { total: count.total, reviewed: count.reviewed })}
                          okText={t('common.delete')}
                          okButtonProps={{ danger: true }}
                          cancelText={t('common.cancel')}
                          onConfirm={() => remove(area.name)}
                        >
                          <Button
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            disabled={disabled}
                            aria-label={t('common.delete')}
                            data-testid={`blueprint-${part}-remove-${index}`}
                          />
                        </Popconfirm>
                      ) : (
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          disabled={disabled}
                          onClick={() => remove(area.name)}
                          aria-label={t('common.delete')}
                          data-testid={`blueprint-${part}-remove-${index}`}
                        />
                      )}
                    </Col>
                  </Row>
                  <Form.List name={[area.name, 'points']}>
                    {(pts, ops) => (
                      <div style={{ paddingInlineStart: 24, marginBottom: 10 }}>
                        {pts.map((pt, j) => (
                          <Row key={pt.key} gutter={8}>
                            <Col flex="110px">
                              <Form.Item name={[pt.name, 'code']} rules={codeRules} style={{ marginBottom: 8 }}>
                                <Input size="small" placeholder={t('blueprints.form.code')} data-testid={`blueprint-${part}-point-code-${index}-${j}`} />
                              </Form.Item>
                            </Col>
                            <Col flex="auto">
                              <Form.Item
                                name={[pt.name, 'name']}
                                rules={[{ required: true, whitespace: true, message: t('blueprints.form.nameRequired') }, { max: 200 }]}
                                style={{ marginBottom: 8 }}
                              >
                                <Input size="small" placeholder={t('blueprints.form.pointName')} data-testid={`blueprint-${part}-point-name-${index}-${j}`} />
                              </Form.Item>
                            </Col>
                            <Col flex="130px">
                              <Form.Item
                                name={[pt.name, 'weight']}
                                rules={[{ required: true, message: t('blueprints.form.weightRequired') }]}
                                style={{ marginBottom: 8 }}
                              >
                                <InputNumber
                                  size="small"
                                  min={0}
                                  max={100}
                                  suffix="%"
                                  style={{ width: '100%' }}
                                  data-testid={`blueprint-${part}-point-weight-${index}-${j}`}
                                />
                              </Form.Item>
                            </Col>
                            <Col flex="40px">
                              <Button
                                size="small"
                                type="text"
                                danger
                                icon={<DeleteOutlined />}
                                disabled={disabled}
                                onClick={() => ops.remove(pt.name)}
                                aria-label={t('common.delete')}
                              />
                            </Col>
                          </Row>
                        ))}
                        <Flex justify="space-between" align="center" wrap gap={4}>
                          <Button
                            size="small"
                            type="dashed"
                            icon={<PlusOutlined />}
                            disabled={disabled}
                            onClick={() => ops.add({ code: row?.code ? `${row.code}.${pts.length + 1}` : '' })}
                            data-testid={`blueprint-${part}-add-point-${index}`}
                          >
                            {t('blueprints.form.addPoint')}
                          </Button>
                          <Flex gap={4} wrap>
                            {count ? (
                              <Tag data-testid={`blueprint-${part}-items-${index}`}>
                                {t('blueprints.itemCount', { reviewed: count.reviewed, total: count.total })}
                              </Tag>
                            ) : null}
                            {points.length > 0 ? (
                              <Tag
                                color={pointSum === areaWeight ? 'success' : 'error'}
                                data-testid={`blueprint-${part}-point-sum-${index}`}
                                data-sum={pointSum}
                              >
                                {t('blueprints.form.pointSum', { sum: pointSum, expected: areaWeight })}
                              </Tag>
                            ) : (
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {t('blueprints.form.noPoints')}
                              </Typography.Text>
                            )}
                            {areaProblem ? (
                              <Tag color="warning">{t('blueprints.form.serverSaid', { sum: areaProblem.sum, expected: areaProblem.expected })}</Tag>
                            ) : null}
                          </Flex>
                        </Flex>
                      </div>
                    )}
                  </Form.List>
                </div>
              );
            })}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              disabled={disabled}
              onClick={() => add({ code: String(areas.length + 1), points: [] })}
              data-testid={`blueprint-${part}-add-area`}
            >
              {t('blueprints.form.addArea')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </Card>
  );
}
