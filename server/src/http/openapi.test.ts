import { describe, expect, it } from 'vitest';
import { enumRecordsAsProperties, operationIdOf } from './openapi.ts';

describe('OpenAPI transform', () => {
  it('makes an operationId from method and path (camelCase, /api left out, :param as ByParam)', () => {
    expect(operationIdOf('GET', '/api/papers/:id/qti.zip')).toBe('getPapersByIdQtiZip');
    expect(operationIdOf('POST', '/api/auth/login')).toBe('postAuthLogin');
    expect(operationIdOf('GET', '/api/policies/for-region/:code')).toBe('getPoliciesForRegionByCode');
    expect(operationIdOf('GET', '/api/papers/:paperId/scores-template.xlsx')).toBe('getPapersByPaperIdScoresTemplateXlsx');
    expect(operationIdOf('DELETE', '/api')).toBe('delete');
  });

  it('spells an enum-keyed record out as properties, nested ones too', () => {
    const values = { type: 'array', items: { type: 'number' } };
    const schema = {
      type: 'object',
      properties: {
        caps: { type: 'object', propertyNames: { type: 'string', enum: ['a', 'b'] }, additionalProperties: values, required: ['a', 'b'] },
        free: { type: 'object', propertyNames: { type: 'string' }, additionalProperties: { type: 'string' } },
      },
    };
    enumRecordsAsProperties(schema);
    expect(schema.properties.caps).toEqual({ type: 'object', properties: { a: values, b: values }, additionalProperties: false, required: ['a', 'b'] });
    // a record keyed by any string stays a record
    expect(schema.properties.free).toEqual({ type: 'object', propertyNames: { type: 'string' }, additionalProperties: { type: 'string' } });
  });
});
