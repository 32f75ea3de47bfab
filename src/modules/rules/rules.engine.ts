import { createRequire } from 'node:module';

/**
 * The decision engine (ADR 0034): GoRules ZEN's unary tests, the expression language of its decision-table cells
 * (`>= 18`, `"a", "b"`, `[1..50]`, `startsWith($, "3406")`), evaluated by its Rust core in process, synchronously.
 * The core (rules.core.ts) calls it one condition at a time, so that each condition has its own trace line.
 */
export interface RuleEngine {
  /** Does `value` pass `test`? Throws on a test that does not parse or cannot apply to the value. */
  test(test: string, value: unknown): boolean;
}

export interface EngineError {
  type: string;
  message: string;
}

type Zen = { evaluateUnaryExpressionSync(expression: string, context: unknown): boolean };

let zen: Zen | undefined;
function loadZen(): Zen {
  // A native addon (napi-rs): loaded with require, once, when the first rule is evaluated.
  zen ??= createRequire(import.meta.url)('@gorules/zen-engine') as Zen;
  return zen;
}

export const zenEngine: RuleEngine = {
  test(test, value) {
    const result = loadZen().evaluateUnaryExpressionSync(test, { $: value });
    if (typeof result !== 'boolean') throw new Error(JSON.stringify({ type: 'notBoolean', source: `the test gave ${JSON.stringify(result)}` }));
    return result;
  },
};

/**
 * An engine exception as a value: ZEN throws an Error whose message starts with a JSON object
 * (`{"type":"parserError","source":"…"}`) followed by a native stack, which is not kept.
 */
export function engineError(err: unknown): EngineError {
  const text = err instanceof Error ? err.message : String(err);
  const first = text.split('\n', 1)[0].trim();
  try {
    const parsed = JSON.parse(first) as { type?: unknown; source?: unknown };
    if (parsed && typeof parsed === 'object') {
      return {
        type: typeof parsed.type === 'string' ? parsed.type : 'engineError',
        message: (typeof parsed.source === 'string' ? parsed.source : typeof parsed.type === 'string' ? parsed.type : first).slice(0, 300),
      };
    }
  } catch {
    // not ZEN's JSON prefix: keep the first line
  }
  return { type: 'engineError', message: first.slice(0, 300) };
}
