/**
 * Names an expression may never read, write or declare. Reads are limited to own properties
 * anyway; these lists are the second wall and make the error explicit.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'caller',
  'callee',
  'arguments',
]);

/** Identifiers that name the host, its globals or dynamic code; never resolved, even if in scope. */
export const FORBIDDEN_IDENTIFIERS: ReadonlySet<string> = new Set([
  ...FORBIDDEN_KEYS,
  'this',
  'super',
  'new',
  'import',
  'delete',
  'function',
  'class',
  'async',
  'await',
  'yield',
  'with',
  'debugger',
  'instanceof',
  'globalThis',
  'global',
  'window',
  'self',
  'process',
  'require',
  'module',
  'exports',
  'eval',
  'Function',
  'AsyncFunction',
  'GeneratorFunction',
  'Reflect',
  'Proxy',
  'Symbol',
  'WebAssembly',
  'Buffer',
  'Atomics',
  'SharedArrayBuffer',
  'Worker',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'fetch',
  'XMLHttpRequest',
  'Deno',
  'Bun',
]);

/** Words that start statements; an expression cannot contain them. */
export const STATEMENT_KEYWORDS: ReadonlySet<string> = new Set([
  'var', 'let', 'const', 'if', 'else', 'for', 'while', 'do', 'switch', 'case', 'default', 'break',
  'continue', 'return', 'throw', 'try', 'catch', 'finally', 'export', 'enum',
]);

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}
