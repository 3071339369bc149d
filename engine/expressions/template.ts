import type { Node } from './ast.ts';
import { Budget } from './budget.ts';
import { exportValue, interpolate } from './coerce.ts';
import { ExpressionError, ExpressionErrorCode, ExpressionFault } from './errors.ts';
import { Interpreter } from './interpreter.ts';
import { LIMITS } from './limits.ts';
import { LruCache } from './lru.ts';
import { parseExpression } from './parser.ts';
import { tokenize } from './tokenizer.ts';

/** One `{{ … }}` block: its source and either its tree or the error that parsing raised. */
interface Block {
  readonly source: string;
  readonly node: Node | null;
  readonly error: ExpressionError | null;
}

/** A template split into literal text and blocks; `single` is set when it is one block only. */
export interface CompiledTemplate {
  readonly parts: ReadonlyArray<string | Block>;
  readonly single: Block | null;
}

const templates = new LruCache<string, CompiledTemplate>(LIMITS.templateCacheSize);
const expressions = new LruCache<string, Block>(LIMITS.expressionCacheSize);

/** Splits and parses a template, using the caches. Never throws: parse errors are kept per block. */
export function compileTemplate(template: string): CompiledTemplate {
  const cacheable = template.length <= LIMITS.maxCachedKeyLength;
  if (cacheable) {
    const cached = templates.get(template);
    if (cached !== undefined) return cached;
  }
  const compiled = split(template);
  if (cacheable) templates.set(template, compiled);
  return compiled;
}

function split(template: string): CompiledTemplate {
  const parts: Array<string | Block> = [];
  let text = '';
  let i = 0;
  for (;;) {
    const open = template.indexOf('{{', i);
    if (open < 0) {
      text += template.slice(i);
      break;
    }
    if (open > 0 && template[open - 1] === '\\') {
      // `\{{` is a literal `{{`.
      text += `${template.slice(i, open - 1)}{{`;
      i = open + 2;
      continue;
    }
    text += template.slice(i, open);
    if (text !== '') parts.push(text);
    text = '';
    const start = open + 2;
    let block: Block;
    try {
      const { tokens, end } = tokenize(template, start, '}}', LIMITS.maxExpressionLength);
      block = blockFor(template.slice(start, end - 2), () => tokens, start);
      i = end;
    } catch (error) {
      // The block has no recognisable end: the rest of the template is reported as the expression.
      block = { source: template.slice(start), node: null, error: toExpressionError(error, template.slice(start), start) };
      i = template.length;
    }
    parts.push(block);
  }
  if (text !== '') parts.push(text);
  const blocks = parts.filter((p): p is Block => typeof p !== 'string');
  const onlyWhitespace = parts.every((p) => typeof p !== 'string' || p.trim() === '');
  return { parts, single: blocks.length === 1 && onlyWhitespace ? blocks[0]! : null };
}

function blockFor(source: string, tokens: () => ReturnType<typeof tokenize>['tokens'], offset: number): Block {
  const cacheable = source.length <= LIMITS.maxCachedKeyLength;
  const cached = cacheable ? expressions.get(source) : undefined;
  if (cached !== undefined) return cached;
  let block: Block;
  try {
    block = { source, node: parseExpression(tokens()), error: null };
  } catch (error) {
    block = { source, node: null, error: toExpressionError(error, source, offset) };
  }
  if (cacheable) expressions.set(source, block);
  return block;
}

/** Parses a bare expression (no braces), e.g. for validation in the editor. */
export function compileExpression(source: string): Block {
  return blockFor(
    source,
    () => {
      if (source.length > LIMITS.maxExpressionLength) {
        throw new ExpressionFault(ExpressionErrorCode.Syntax, 'Expression is too long', 0);
      }
      return tokenize(source, 0, 'eof').tokens;
    },
    0,
  );
}

/** Evaluates a compiled template: the raw value for a single block, otherwise a string. */
export function evaluateTemplate(compiled: CompiledTemplate, scope: Readonly<Record<string, unknown>>, budget: Budget): unknown {
  const interpreter = new Interpreter(scope, budget);
  if (compiled.single !== null) {
    return evaluateBlock(compiled.single, interpreter, (value) => exportValue(value, interpreter));
  }
  let out = '';
  for (const part of compiled.parts) {
    if (typeof part === 'string') out += part;
    else {
      out += evaluateBlock(part, interpreter, (value) => interpolate(value, interpreter));
      if (out.length > LIMITS.maxStringLength) {
        throw new ExpressionError(ExpressionErrorCode.Runtime, `The text is longer than the limit of ${LIMITS.maxStringLength} characters`, part.source);
      }
    }
  }
  return out;
}

function evaluateBlock<T>(block: Block, interpreter: Interpreter, finish: (value: unknown) => T): T {
  if (block.error !== null) throw block.error;
  try {
    return finish(interpreter.run(block.node!));
  } catch (error) {
    throw toExpressionError(error, block.source, 0);
  }
}

/** Converts anything thrown while parsing or evaluating into an `ExpressionError` naming the expression. */
export function toExpressionError(error: unknown, source: string, offset: number): ExpressionError {
  if (error instanceof ExpressionError) return error;
  if (error instanceof ExpressionFault) {
    return new ExpressionError(error.code, error.message, source, error.position === undefined ? {} : { position: Math.max(0, error.position - offset) });
  }
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return new ExpressionError(ExpressionErrorCode.Runtime, 'Expression is nested too deeply (stack overflow)', source, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ExpressionError(ExpressionErrorCode.Runtime, message, source, { cause: error });
}

export function newBudget(timeoutMs: number | undefined): Budget {
  return new Budget(timeoutMs ?? LIMITS.defaultTimeoutMs);
}
