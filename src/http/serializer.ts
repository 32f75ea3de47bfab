import { serializerCompiler } from 'fastify-type-provider-zod';

/**
 * Fields of `data` that are missing from what it was serialised to, as paths (`items[0].clock.extended`). A
 * response schema is a closed `z.object`, which drops what it does not declare: a view that grew a field its schema
 * lacks would lose it silently, so the tests' serialiser refuses such a reply.
 */
export function droppedFields(data: unknown, sent: unknown, at = ''): string[] {
  if (Array.isArray(data)) {
    if (!Array.isArray(sent)) return [];
    return data.flatMap((d, i) => droppedFields(d, sent[i], `${at}[${i}]`));
  }
  if (!isPlainObject(data) || !isPlainObject(sent)) return [];
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    const path = at ? `${at}.${key}` : key;
    if (!(key in sent)) dropped.push(path);
    else dropped.push(...droppedFields(value, sent[key], path));
  }
  return dropped;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The zod serialiser, failing a reply that carries fields its schema does not declare (for the tests). */
export const checkedSerializerCompiler: typeof serializerCompiler = (route) => {
  const serialize = serializerCompiler(route);
  return (data) => {
    const text = serialize(data);
    const dropped = droppedFields(data, JSON.parse(text));
    if (dropped.length) {
      const message = `${route.method} ${route.url}: the reply has fields its response schema does not declare: ${dropped.slice(0, 10).join(', ')}`;
      // The test sees a 500; the reason goes to the test's output (the app's log is off in tests).
      process.stderr.write(`${message}\n`);
      throw new Error(message);
    }
    return text;
  };
};
