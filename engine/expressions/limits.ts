/** Hard limits of the evaluator. They bound CPU, memory and host stack use of one evaluation. */
export const LIMITS = {
  /** Default wall-clock budget of one `renderTemplate` / `resolveParams` call. */
  defaultTimeoutMs: 50,
  /** Interpreter steps per call, independent of the clock (deterministic backstop). */
  maxSteps: 10_000_000,
  /** How often (in steps) the clock is read. */
  clockCheckInterval: 1024,
  /** Characters between one pair of `{{ }}`. */
  maxExpressionLength: 20_000,
  /** Nesting of the syntax tree (brackets, operators, calls). */
  maxAstDepth: 100,
  /** Nested calls of arrow functions (recursion through self-application). */
  maxCallDepth: 32,
  /** Strings made from nothing: `repeat`, `padStart`, `padEnd`. */
  maxGeneratedStringLength: 1 << 20,
  /** Any string produced by the expression (concatenation, join, replace, JSON…). */
  maxStringLength: 1 << 24,
  /** Any array produced by the expression. */
  maxArrayLength: 1 << 22,
  /** Estimated JSON size of a returned value (stops shared-reference blow-ups). */
  maxResultSize: 64 << 20,
  /** Regular expression source length and compiled program size. */
  maxRegExpSource: 2_000,
  maxRegExpProgram: 20_000,
  /** Parsed templates/expressions kept in the LRU caches, and the longest cached key. */
  templateCacheSize: 2_000,
  expressionCacheSize: 5_000,
  maxCachedKeyLength: 4_096,
} as const;
