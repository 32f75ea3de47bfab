import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import Fastify from 'fastify';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { testApp } from '../../tests/support/app.ts';
import { documentedAs } from '../platform/http/schemas.ts';

// Every 2xx JSON answer and every JSON request body of /api/openapi.json names its fields, all the way down: the
// web's client is generated from this document, so a free-form object there is a view the web has to guess, or a
// body it sends untyped. A JSON Schema "names its properties" when it is a primitive, an enum or constant, an array
// whose items do, a closed object whose `properties` each do, a union whose branches do, or a $ref to a component
// that does. An answer's object is closed by `additionalProperties: false` (zod's z.object as output); a request
// body's object may leave it out (zod's z.object as input: undeclared keys are dropped), but not keep extra keys
// (`additionalProperties: {}`, a loose or passthrough object). A map (`additionalProperties` a schema: z.record) is
// allowed only where listed below with the reason, and its values must still be typed. File answers (workbooks,
// documents, images) declare their content types with a binary string schema instead (fileResponse). A body field
// the service checks itself is typed through `documentedAs` (platform/http/schemas.ts).

/**
 * Maps that are maps by nature, by where they are: a component's name (`…Input`: as a request body has it), then
 * `.property`, `[]` for array items, `.*` for a map's values; or `METHOD /path status body…` (an answer) or
 * `METHOD /path request body…` (a request) for an inline schema.
 */
const FREE_FORM_ALLOWED: Record<string, string> = {
  FormAnswers: "the answers to an item's own form, keyed by its field names (the form is data: FormSchema); each a FormValue",
  FormAnswersInput: 'the same answers as an applicant sends them (a case, its draft)',
  'FormSchema.properties': "a form's fields, keyed by field name; each a FormField",
  'FormSchemaInput.properties': "the same fields as the catalogue's editor sends them (an implementation's content, a template)",
  LicenseData: "a licence's data (照面信息), keyed by the fields its licence type declares; each a FormValue",
  LicenseDataInput: 'the same data as a licence is issued or changed with',
  'Harmonisation.rows[].values': "each implementation's value of one element, keyed by the column's key; each an ElementValue",
  RuleValues: "a rule decision's inputs, keyed by the names its rule set declares (the rule set is data: RuleContent); each a RuleValue",
  RuleValuesInput: 'the same inputs as a golden case or a test of a rule set sends them',
  ExchangeRecord: "a record of a collected table as a call returns it, keyed by the resource's field names; each a scalar",
};

type Schema = Record<string, unknown>;
type Media = Record<string, { schema?: Schema }>;
interface Doc {
  paths: Record<string, Record<string, { requestBody?: { content?: Media }; responses?: Record<string, { content?: Media }> }>>;
  components?: { schemas?: Record<string, Schema> };
}

/**
 * What is wrong with the 2xx answers and the JSON request bodies of the document: one line per problem,
 * `METHOD path status body…: why` or `METHOD path request body…: why`.
 */
function untypedSchemas(doc: Doc, allowed: Record<string, string> = FREE_FORM_ALLOWED): string[] {
  const problems: string[] = [];
  const components = doc.components?.schemas ?? {};
  const checkedComponents = new Set<string>();

  /** `request`: a schema as zod renders input, where an object without `additionalProperties` drops undeclared keys. */
  const check = (schema: Schema | undefined, where: string, request: boolean): void => {
    const report = (why: string): void => void problems.push(`${where}: ${why}`);
    if (!schema || typeof schema !== 'object') return report('no schema');
    const ref = schema.$ref;
    if (typeof ref === 'string') {
      const name = ref.replace('#/components/schemas/', '');
      if (checkedComponents.has(name)) return;
      checkedComponents.add(name);
      // A component's problems are reported once, under its own name.
      return components[name] ? check(components[name], name, request) : report(`dangling $ref ${ref}`);
    }
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const branches = schema[key];
      if (Array.isArray(branches)) {
        const real = branches.filter((b: Schema) => b.type !== 'null');
        real.forEach((b: Schema, i) => check(b, real.length > 1 ? `${where}<${i}>` : where, request));
        return;
      }
    }
    if ('const' in schema || Array.isArray(schema.enum)) return;
    const types = ([] as unknown[]).concat(schema.type ?? []);
    if (types.length === 0) return report('free-form value (no type)');
    if (types.includes('array')) {
      if (!schema.items || typeof schema.items !== 'object') return report('array without items');
      check(schema.items as Schema, `${where}[]`, request);
    }
    if (types.includes('object')) {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const extra = schema.additionalProperties;
      const untypedExtra =
        (extra === undefined && !request) || extra === true || (typeof extra === 'object' && extra !== null && Object.keys(extra).length === 0);
      const isMap = typeof extra === 'object' && extra !== null && !untypedExtra;
      const named = Object.keys(properties).length > 0;
      if (where in allowed) {
        if (!isMap) report('allowed as a map, but its values are not typed');
      } else if (isMap) report('a map (free-form keys)');
      else if (!named) report('an object without properties');
      else if (untypedExtra) report('an open object (extra keys allowed)');
      if (isMap) check(extra as Schema, `${where}.*`, request);
      for (const [name, property] of Object.entries(properties)) check(property, `${where}.${name}`, request);
    }
  };

  for (const [url, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const body = operation.requestBody?.content?.['application/json'];
      if (body) check(body.schema, `${method.toUpperCase()} ${url} request body`, true);
      const answers = Object.entries(operation.responses ?? {}).filter(([status]) => status.startsWith('2'));
      if (answers.length === 0) problems.push(`${method.toUpperCase()} ${url}: no 2xx answer declared`);
      for (const [status, response] of answers) {
        if (status === '204') continue;
        const where = `${method.toUpperCase()} ${url} ${status}`;
        const content = response.content ?? {};
        if (Object.keys(content).length === 0) problems.push(`${where}: no schema (and no content type)`);
        for (const [type, media] of Object.entries(content)) {
          if (type === 'application/json') check(media.schema, `${where} body`, false);
          else if (media.schema?.type !== 'string') problems.push(`${where} ${type}: a file answer without a string schema`);
        }
      }
    }
  }
  return problems;
}

test('every 2xx answer and every JSON request body in the OpenAPI document names its properties', async () => {
  const t = await testApp({ demo: false });
  try {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Doc;
    const problems = untypedSchemas(doc);
    assert.deepEqual(problems, [], `untyped answers or bodies:\n${problems.join('\n')}`);
    // Every allow-listed map exists: a stale entry would hide the next free-form field of that name.
    const text = JSON.stringify(doc);
    for (const where of Object.keys(FREE_FORM_ALLOWED)) assert.ok(text.includes(`"${where.split('.')[0]}"`), `allow-list entry ${where} names no component`);
  } finally {
    await t.close();
  }
});

test('the check fails on a passthrough or loose object, a map, an unknown value (in answers and request bodies), and a route without a 2xx schema', async () => {
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
  let received: unknown;
  const post = (url: string, body: z.ZodType) =>
    app.post(url, { schema: { body, response: { 204: z.null() } } }, async (request, reply) => {
      received = request.body;
      return reply.status(204).send(null);
    });
  post('/api/probe/body-any-object', z.object({ content: z.record(z.string(), z.unknown()), version: z.number() }));
  post('/api/probe/body-loose', z.looseObject({ id: z.number() }));
  post('/api/probe/body-map', z.object({ data: z.record(z.string(), z.string()) }));
  post('/api/probe/body-unknown', z.object({ items: z.array(z.unknown()) }));
  post('/api/probe/body-typed', z.object({ id: z.number(), name: z.string().optional(), tags: z.array(z.enum(['a', 'b'])) }));
  const documented = z.object({ name: z.string().min(1), limit: z.object({ value: z.number().int() }) });
  post('/api/probe/body-documented', z.object({ content: documentedAs(documented), template: documentedAs(documented.partial()).nullable().optional() }));
  await app.ready();
  try {
    const doc = app.swagger() as unknown as Doc;
    assert.deepEqual(untypedSchemas(doc, {}), [
      'GET /api/probe/passthrough 200 body: an object without properties',
      'GET /api/probe/loose 200 body: an open object (extra keys allowed)',
      'GET /api/probe/map 200 body.data: a map (free-form keys)',
      'GET /api/probe/untyped-map 200 body.data: an object without properties',
      'GET /api/probe/unknown 200 body.items[].value: free-form value (no type)',
      'ProbeLoose: an object without properties',
      'GET /api/probe/none: no 2xx answer declared',
      'POST /api/probe/body-any-object request body.content: an object without properties',
      'POST /api/probe/body-loose request body: an open object (extra keys allowed)',
      'POST /api/probe/body-map request body.data: a map (free-form keys)',
      'POST /api/probe/body-unknown request body.items[]: free-form value (no type)',
    ]);
    // An allow-listed map passes; its values are still checked.
    const allowed = untypedSchemas(doc, { 'GET /api/probe/map 200 body.data': 'probe', 'GET /api/probe/untyped-map 200 body.data': 'probe' });
    assert.ok(!allowed.some((p) => p.startsWith('GET /api/probe/map')));
    assert.ok(allowed.includes('GET /api/probe/untyped-map 200 body.data: allowed as a map, but its values are not typed'));

    // documentedAs: the document shows the schema, while the route takes any JSON object as it is (no defaults, no
    // stripping, no field refused) and leaves its checks to the service; what is not an object is still a 400.
    const content = doc.paths['/api/probe/body-documented'].post.requestBody?.content?.['application/json'].schema as Schema & {
      properties: Record<string, Schema & { properties?: Record<string, unknown>; anyOf?: Schema[] }>;
    };
    assert.deepEqual(Object.keys(content.properties.content.properties ?? {}), ['name', 'limit']);
    assert.deepEqual(content.properties.content.required, ['name', 'limit']);
    assert.deepEqual(Object.keys(content.properties.template.anyOf?.[0].properties ?? {}), ['name', 'limit']);
    const given = { content: { name: '', limit: { value: 1.5 }, extra: [1, { a: null }] }, template: { name: 7 } };
    const res = await app.inject({ method: 'POST', url: '/api/probe/body-documented', payload: given });
    assert.equal(res.statusCode, 204);
    assert.deepEqual(received, given);
    for (const payload of [{ content: 'text' }, { content: [] }, { content: {}, template: 3 }]) {
      const refused = await app.inject({ method: 'POST', url: '/api/probe/body-documented', payload });
      assert.equal(refused.statusCode, 400, JSON.stringify(payload));
    }
  } finally {
    await app.close();
  }
});
