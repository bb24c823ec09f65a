import type { FastifyDynamicSwaggerOptions, SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * What every operation of the API description gets centrally, so no route file repeats it: an operationId
 * made from method and path, `security: []` on public routes, the media type of file downloads, the one
 * error shape on 4xx/5xx responses, and enum-keyed records spelt out as real properties.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Downloads by the extension their path ends with; other binary routes declare `schema.produces`. */
const DOWNLOADS: Record<string, string> = { xlsx: XLSX, zip: 'application/zip' };

/** `GET /api/papers/:id/qti.zip` → `getPapersByIdQtiZip`; `/api` is left out, `:param` reads `ByParam`. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api(?=\/|$)/, '')
    .split('/')
    .filter((s) => s !== '')
    .flatMap((segment) => (segment.startsWith(':') ? ['by', ...splitWords(segment.slice(1))] : splitWords(segment)));
  return [method.toLowerCase(), ...words].map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

function splitWords(segment: string): string[] {
  return segment
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

/** The one error shape every 4xx/5xx answer has (see `http/error-handler.ts`). */
export const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'Stable error code, e.g. VALIDATION.FAILED, ENROLMENT.LEVEL_CAP', examples: ['VALIDATION.FAILED'] },
        message: { type: 'string', description: 'The message in the request’s language (Accept-Language: zh-CN or en-US)' },
        details: {
          type: 'object',
          description: 'Code-specific details: `issues` (path, message) for validation, `rule` (R1–R15) for rule refusals',
          additionalProperties: true,
        },
      },
    },
  },
} as const;

const ERROR_RESPONSES = {
  BadRequest: 'The request is invalid (VALIDATION.FAILED lists each field issue)',
  Unauthenticated: 'Not logged in, or the session has ended',
  Forbidden: 'The policy does not grant this action to the logged-in user, or the object is outside their scope',
  NotFound: 'No such object (or not visible to the user)',
  Conflict: 'The object changed or already exists',
  Unprocessable: 'A domain rule refuses the request (details.rule names it)',
  ServerError: 'Unexpected server error (the request id is in x-request-id)',
} as const;
type ErrorResponse = keyof typeof ERROR_RESPONSES;

const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/** The error responses an operation may answer with, by status. */
function errorResponsesFor(method: string, path: string, isPublic: boolean): Record<string, ErrorResponse> {
  const out: Record<string, ErrorResponse> = { '400': 'BadRequest' };
  if (!isPublic) Object.assign(out, { '401': 'Unauthenticated', '403': 'Forbidden' });
  if (path.includes('{')) out['404'] = 'NotFound';
  if (WRITE_METHODS.has(method)) Object.assign(out, { '409': 'Conflict', '422': 'Unprocessable' });
  out['500'] = 'ServerError';
  return out;
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `z.record(z.enum([...]), X)` comes out as `propertyNames: {enum}` + `additionalProperties: X` + `required`
 * naming keys no `properties` defines; generators want the keys as properties. Rewrites in place, recursively.
 */
export function enumRecordsAsProperties(node: Json): void {
  if (Array.isArray(node)) {
    node.forEach(enumRecordsAsProperties);
    return;
  }
  if (!isObject(node)) return;
  for (const value of Object.values(node)) enumRecordsAsProperties(value);
  const names = node.propertyNames;
  const values = node.additionalProperties;
  if (node.properties === undefined && isObject(names) && Array.isArray(names.enum) && isObject(values)) {
    const keys = names.enum.filter((k): k is string => typeof k === 'string');
    node.properties = Object.fromEntries(keys.map((k) => [k, values]));
    node.additionalProperties = false;
    delete node.propertyNames;
  }
}

/** The per-route part: zod → JSON schema, then operationId, public security and download media types. */
export function openapiTransform(): SwaggerTransform {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  return (input) => {
    const { schema, url } = jsonSchemaTransform(input);
    const { route } = input;
    const method = (Array.isArray(route.method) ? route.method[0] : route.method) ?? 'get';
    const key = `${method} ${url}`;
    let operationId = ids.get(key);
    if (operationId === undefined) {
      const base = operationIdOf(method, url);
      operationId = base;
      for (let n = 2; taken.has(operationId); n++) operationId = `${base}${n}`;
      taken.add(operationId);
      ids.set(key, operationId);
    }
    const out: Record<string, unknown> = { ...schema, operationId };
    if (route.config?.public === true) out.security = [];
    const extension = /\.([a-z0-9]+)$/i.exec(url)?.[1]?.toLowerCase();
    const declared = Array.isArray(out.produces) ? out.produces : undefined;
    const media = declared ?? (extension && DOWNLOADS[extension] ? [DOWNLOADS[extension]] : undefined);
    if (media && out.response === undefined) {
      out.produces = media;
      out.response = { 200: { description: 'The file (Content-Disposition names it)', type: 'string', format: 'binary' } };
    }
    return { schema: out, url };
  };
}

/** The whole-document part: error responses on every operation, enum-keyed records as properties. */
export const openapiTransformObject: NonNullable<FastifyDynamicSwaggerOptions['transformObject']> = (doc) => {
  if (!('openapiObject' in doc)) return doc.swaggerObject;
  const spec = doc.openapiObject as Record<string, Json>;
  const components = (isObject(spec.components) ? spec.components : {}) as Record<string, Json>;
  components.schemas = { ...(isObject(components.schemas) ? components.schemas : {}), Error: ERROR_SCHEMA };
  components.responses = Object.fromEntries(
    Object.entries(ERROR_RESPONSES).map(([name, description]) => [
      name,
      { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
  );
  spec.components = components;
  const paths = isObject(spec.paths) ? spec.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!isObject(operation) || !isObject(operation.responses)) continue;
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      for (const [status, name] of Object.entries(errorResponsesFor(method, path, isPublic))) {
        operation.responses[status] ??= { $ref: `#/components/responses/${name}` };
      }
    }
  }
  enumRecordsAsProperties(spec.paths);
  return spec;
};
