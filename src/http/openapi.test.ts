import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import Fastify from 'fastify';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { testApp } from '../../tests/support/app.ts';

// Every 2xx JSON answer of /api/openapi.json names its fields, all the way down: the web's client is generated from
// this document, so a free-form object there is a view the web has to guess. A JSON Schema "names its properties"
// when it is a primitive, an enum or constant, an array whose items do, a closed object (`additionalProperties:
// false`, as zod's z.object gives) whose `properties` each do, a union whose branches do, or a $ref to a component
// that does. A map (`additionalProperties` a schema: z.record) is allowed only where listed below with the reason,
// and its values must still be typed. File answers (workbooks, documents, images) declare their content types with a
// binary string schema instead (fileResponse).

/**
 * Maps that are maps by nature, by where they are: a component's name, then `.property`, `[]` for array items, `.*`
 * for a map's values; or `METHOD /path status body…` for an inline schema.
 */
const FREE_FORM_ALLOWED: Record<string, string> = {
  FormAnswers: "the answers to an item's own form, keyed by its field names (the form is data: FormSchema); each a FormValue",
  'FormSchema.properties': "a form's fields, keyed by field name; each a FormField",
  LicenseData: "a licence's data (照面信息), keyed by the fields its licence type declares; each a FormValue",
  'Harmonisation.rows[].values': "each implementation's value of one element, keyed by the column's key; each an ElementValue",
};

type Schema = Record<string, unknown>;
interface Doc {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>;
  components?: { schemas?: Record<string, Schema> };
}

/** What is wrong with the 2xx answers of the document: one line per problem, `METHOD path status: location: why`. */
function untypedAnswers(doc: Doc, allowed: Record<string, string> = FREE_FORM_ALLOWED): string[] {
  const problems: string[] = [];
  const components = doc.components?.schemas ?? {};
  const checkedComponents = new Set<string>();

  const check = (schema: Schema | undefined, where: string): void => {
    const report = (why: string): void => void problems.push(`${where}: ${why}`);
    if (!schema || typeof schema !== 'object') return report('no schema');
    const ref = schema.$ref;
    if (typeof ref === 'string') {
      const name = ref.replace('#/components/schemas/', '');
      if (checkedComponents.has(name)) return;
      checkedComponents.add(name);
      // A component's problems are reported once, under its own name.
      return components[name] ? check(components[name], name) : report(`dangling $ref ${ref}`);
    }
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const branches = schema[key];
      if (Array.isArray(branches)) {
        const real = branches.filter((b: Schema) => b.type !== 'null');
        real.forEach((b: Schema, i) => check(b, real.length > 1 ? `${where}<${i}>` : where));
        return;
      }
    }
    if ('const' in schema || Array.isArray(schema.enum)) return;
    const types = ([] as unknown[]).concat(schema.type ?? []);
    if (types.length === 0) return report('free-form value (no type)');
    if (types.includes('array')) {
      if (!schema.items || typeof schema.items !== 'object') return report('array without items');
      check(schema.items as Schema, `${where}[]`);
    }
    if (types.includes('object')) {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const extra = schema.additionalProperties;
      const untypedExtra = extra === undefined || extra === true || (typeof extra === 'object' && extra !== null && Object.keys(extra).length === 0);
      const isMap = typeof extra === 'object' && extra !== null && !untypedExtra;
      const named = Object.keys(properties).length > 0;
      if (where in allowed) {
        if (!isMap) report('allowed as a map, but its values are not typed');
      } else if (isMap) report('a map (free-form keys)');
      else if (!named) report('an object without properties');
      else if (untypedExtra) report('an open object (extra keys allowed)');
      if (isMap) check(extra as Schema, `${where}.*`);
      for (const [name, property] of Object.entries(properties)) check(property, `${where}.${name}`);
    }
  };

  for (const [url, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const answers = Object.entries(operation.responses ?? {}).filter(([status]) => status.startsWith('2'));
      if (answers.length === 0) problems.push(`${method.toUpperCase()} ${url}: no 2xx answer declared`);
      for (const [status, response] of answers) {
        if (status === '204') continue;
        const where = `${method.toUpperCase()} ${url} ${status}`;
        const content = response.content ?? {};
        if (Object.keys(content).length === 0) problems.push(`${where}: no schema (and no content type)`);
        for (const [type, media] of Object.entries(content)) {
          if (type === 'application/json') check(media.schema, `${where} body`);
          else if (media.schema?.type !== 'string') problems.push(`${where} ${type}: a file answer without a string schema`);
        }
      }
    }
  }
  return problems;
}

test('every 2xx answer in the OpenAPI document names its properties', async () => {
  const t = await testApp({ demo: false });
  try {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Doc;
    const problems = untypedAnswers(doc);
    assert.deepEqual(problems, [], `untyped answers:\n${problems.join('\n')}`);
    // Every allow-listed map exists: a stale entry would hide the next free-form field of that name.
    const text = JSON.stringify(doc);
    for (const where of Object.keys(FREE_FORM_ALLOWED)) assert.ok(text.includes(`"${where.split('.')[0]}"`), `allow-list entry ${where} names no component`);
  } finally {
    await t.close();
  }
});

test('the check fails on a passthrough or loose object, a map, an unknown value, and a route without a 2xx schema', async () => {
  // Probe routes on an app built as app.ts builds its document (the same zod transforms); the real app cannot take
  // routes after it is ready.
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(swagger, {
    openapi: { openapi: '3.1.0', info: { title: 'probe', version: '0' } },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  const route = (url: string, response: Record<number, z.ZodType>) => app.get(url, { schema: { response } }, async () => ({}));
  route('/api/probe/passthrough', { 200: z.object({}).passthrough() });
  route('/api/probe/loose', { 200: z.looseObject({ id: z.number() }) });
  route('/api/probe/map', { 200: z.object({ id: z.number(), data: z.record(z.string(), z.number()) }) });
  route('/api/probe/untyped-map', { 200: z.object({ data: z.record(z.string(), z.unknown()) }) });
  route('/api/probe/unknown', { 200: z.object({ items: z.array(z.object({ value: z.unknown() })) }) });
  route('/api/probe/component', { 200: z.object({ inner: z.looseObject({}).meta({ id: 'ProbeLoose' }) }) });
  route('/api/probe/none', {});
  route('/api/probe/typed', {
    200: z.object({ id: z.number(), tags: z.array(z.string()), at: z.string().nullable(), kind: z.enum(['a', 'b']), one: z.literal(1) }),
  });
  await app.ready();
  try {
    const doc = app.swagger() as unknown as Doc;
    assert.deepEqual(untypedAnswers(doc, {}), [
      'GET /api/probe/passthrough 200 body: an object without properties',
      'GET /api/probe/loose 200 body: an open object (extra keys allowed)',
      'GET /api/probe/map 200 body.data: a map (free-form keys)',
      'GET /api/probe/untyped-map 200 body.data: an object without properties',
      'GET /api/probe/unknown 200 body.items[].value: free-form value (no type)',
      'ProbeLoose: an object without properties',
      'GET /api/probe/none: no 2xx answer declared',
    ]);
    // An allow-listed map passes; its values are still checked.
    const allowed = untypedAnswers(doc, { 'GET /api/probe/map 200 body.data': 'probe', 'GET /api/probe/untyped-map 200 body.data': 'probe' });
    assert.ok(!allowed.some((p) => p.startsWith('GET /api/probe/map')));
    assert.ok(allowed.includes('GET /api/probe/untyped-map 200 body.data: allowed as a map, but its values are not typed'));
  } finally {
    await app.close();
  }
});
