import type { BinaryOperator, Element, Node } from './ast.ts';
import type { Budget } from './budget.ts';
import {
  checkStringLength,
  defineOwn,
  describeType,
  looseEquals,
  toNumberValue,
  toPrimitive,
  toPropertyKey,
  toStringValue,
  typeOf,
} from './coerce.ts';
import { runtimeFault } from './errors.ts';
import { LIMITS } from './limits.ts';
import { findMethod, hasMember, readMember } from './members.ts';
import { SafeRegExp } from './regexp/safe-regexp.ts';
import { STDLIB } from './stdlib.ts';
import { BoundMethod, Builtin, Closure, type Frame, InternalValue, type Runtime } from './values.ts';

/** Marks a short-circuited optional chain (`a?.b` with `a` nullish) until its `Chain` node. */
const SHORT = Symbol('short-circuit');

/**
 * Tree-walking evaluator. It never uses `eval`, `Function` or `vm`; it only reads what
 * `readMember` allows, calls only arrow functions of the expression, whitelisted methods,
 * standard-library built-ins and functions the caller put in the scope, and charges every node
 * to the budget.
 */
export class Interpreter implements Runtime {
  private callDepth = 0;

  constructor(
    private readonly scope: Readonly<Record<string, unknown>>,
    private readonly budget: Budget,
  ) {}

  run(node: Node): unknown {
    return this.eval(node, null);
  }

  tick(steps = 1): void {
    this.budget.tick(steps);
  }

  call(fn: unknown, args: unknown[]): unknown {
    return this.invoke(fn, args, undefined, 'value');
  }

  private eval(node: Node, env: Frame | null): unknown {
    this.budget.tick();
    switch (node.type) {
      case 'Literal':
        return node.value;
      case 'RegExp':
        return node.regexp;
      case 'Identifier':
        return this.lookup(node.name, env);
      case 'Template':
        return this.template(node, env);
      case 'Array':
        return this.spreadInto([], node.elements, env);
      case 'Object':
        return this.object(node, env);
      case 'Member': {
        const object = this.eval(node.object, env);
        if (object === SHORT) return SHORT;
        if (object === null || object === undefined) {
          if (node.optional) return SHORT;
          throw this.nullishRead(object, node);
        }
        return readMember(object, this.key(node.property, env));
      }
      case 'Call':
        return this.callNode(node, env);
      case 'Chain': {
        const value = this.eval(node.expression, env);
        return value === SHORT ? undefined : value;
      }
      case 'Unary':
        return this.unary(node, env);
      case 'Binary':
        return this.binary(node.operator, this.eval(node.left, env), this.eval(node.right, env));
      case 'Logical': {
        const left = this.eval(node.left, env);
        if (node.operator === '&&') return left ? this.eval(node.right, env) : left;
        if (node.operator === '||') return left ? left : this.eval(node.right, env);
        return left === null || left === undefined ? this.eval(node.right, env) : left;
      }
      case 'Conditional':
        return this.eval(node.test, env) ? this.eval(node.consequent, env) : this.eval(node.alternate, env);
      case 'Arrow':
        return new Closure(node.params, node.body, env);
    }
  }

  private lookup(name: string, env: Frame | null): unknown {
    for (let frame = env; frame !== null; frame = frame.parent) {
      const index = frame.names.indexOf(name);
      if (index >= 0) return frame.values[index];
    }
    if (Object.hasOwn(this.scope, name)) return this.scope[name];
    const builtin = STDLIB.get(name);
    if (builtin !== undefined) return builtin;
    throw runtimeFault(this.unknownVariable(name));
  }

  private isDefined(name: string, env: Frame | null): boolean {
    for (let frame = env; frame !== null; frame = frame.parent) if (frame.names.includes(name)) return true;
    return Object.hasOwn(this.scope, name) || STDLIB.has(name);
  }

  private unknownVariable(name: string): string {
    const known = Object.keys(this.scope).filter((k) => k.startsWith('$'));
    const hint = name.startsWith('$') && known.length > 0 ? ` (available: ${known.join(', ')})` : '';
    return `'${name}' is not defined${hint}`;
  }

  private key(property: string | Node, env: Frame | null): string {
    return typeof property === 'string' ? property : toPropertyKey(this.eval(property, env));
  }

  private nullishRead(object: null | undefined, node: Extract<Node, { type: 'Member' }>): Error {
    const key = typeof node.property === 'string' ? `'${node.property}'` : 'a property';
    return runtimeFault(`Cannot read ${key} of ${object}: ${describe(node.object)} is ${object} (use ?. to allow this)`);
  }

  private template(node: Extract<Node, { type: 'Template' }>, env: Frame | null): string {
    let out = node.quasis[0] ?? '';
    for (let i = 0; i < node.expressions.length; i++) {
      out += toStringValue(this.eval(node.expressions[i]!, env)) + (node.quasis[i + 1] ?? '');
      checkStringLength(out);
    }
    return out;
  }

  private spreadInto(out: unknown[], elements: Element[], env: Frame | null): unknown[] {
    for (const element of elements) {
      if (element.type !== 'Spread') {
        out.push(this.eval(element, env));
        continue;
      }
      const value = this.eval(element.argument, env);
      let items: readonly unknown[];
      if (Array.isArray(value)) items = value;
      else if (typeof value === 'string') items = Array.from(value);
      else throw runtimeFault(`Cannot spread ${describeType(value)}: ${describe(element.argument)} is not an array or string`);
      if (out.length + items.length > LIMITS.maxArrayLength) {
        throw runtimeFault(`Array would be longer than the limit of ${LIMITS.maxArrayLength} items`);
      }
      this.budget.tick(items.length);
      for (const item of items) out.push(item);
    }
    return out;
  }

  private object(node: Extract<Node, { type: 'Object' }>, env: Frame | null): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const property of node.properties) {
      if (property.kind === 'init') {
        const key = this.key(property.key, env);
        defineOwn(out, key, this.eval(property.value, env));
        continue;
      }
      const source = this.eval(property.argument, env);
      if (source === null || source === undefined || typeof source !== 'object') {
        if (typeof source === 'string') for (let i = 0; i < source.length; i++) defineOwn(out, String(i), source[i]);
        continue;
      }
      if (source instanceof InternalValue || source instanceof SafeRegExp || source instanceof Date) continue;
      const keys = Object.keys(source);
      this.budget.tick(keys.length);
      for (const key of keys) defineOwn(out, key, (source as Record<string, unknown>)[key]);
    }
    return out;
  }

  private callNode(node: Extract<Node, { type: 'Call' }>, env: Frame | null): unknown {
    const callee = node.callee;
    let fn: unknown;
    let thisArg: unknown;
    if (callee.type === 'Member') {
      const object = this.eval(callee.object, env);
      if (object === SHORT) return SHORT;
      if (object === null || object === undefined) {
        if (callee.optional) return SHORT;
        throw this.nullishRead(object, callee);
      }
      const key = this.key(callee.property, env);
      const method = findMethod(object, key);
      if (method !== undefined) return method.fn(this, object as never, this.spreadInto([], node.args, env));
      fn = readMember(object, key);
      thisArg = object;
    } else {
      fn = this.eval(callee, env);
      if (fn === SHORT) return SHORT;
    }
    if (node.optional && (fn === null || fn === undefined)) return SHORT;
    return this.invoke(fn, this.spreadInto([], node.args, env), thisArg, describe(callee));
  }

  private invoke(fn: unknown, args: unknown[], thisArg: unknown, name: string): unknown {
    if (fn instanceof Closure) return this.callClosure(fn, args);
    if (fn instanceof BoundMethod) return fn.spec.fn(this, fn.self as never, args);
    if (fn instanceof Builtin) return fn.fn(this, args);
    if (typeof fn === 'function') {
      // A function the caller put in the scope (e.g. $input.first); called as a method of its object.
      this.budget.tick();
      return Reflect.apply(fn, thisArg, args);
    }
    throw runtimeFault(`${name} is not a function (it is ${describeType(fn)})`);
  }

  private callClosure(closure: Closure, args: unknown[]): unknown {
    if (this.callDepth >= LIMITS.maxCallDepth) {
      throw runtimeFault(`Too much recursion: more than ${LIMITS.maxCallDepth} nested function calls`);
    }
    this.callDepth++;
    try {
      return this.eval(closure.body, { names: closure.params, values: args, parent: closure.env });
    } finally {
      this.callDepth--;
    }
  }

  private unary(node: Extract<Node, { type: 'Unary' }>, env: Frame | null): unknown {
    if (node.operator === 'typeof') {
      const argument = node.argument;
      if (argument.type === 'Identifier' && !this.isDefined(argument.name, env)) return 'undefined';
      return typeOf(this.eval(argument, env));
    }
    const value = this.eval(node.argument, env);
    switch (node.operator) {
      case '!':
        return !value;
      case '-':
        return -toNumberValue(value);
      case '+':
        return toNumberValue(value);
      case '~':
        return ~toNumberValue(value);
      case 'void':
        return undefined;
    }
  }

  private binary(operator: BinaryOperator, left: unknown, right: unknown): unknown {
    switch (operator) {
      case '+': {
        if (typeof left === 'number' && typeof right === 'number') return left + right;
        const a = toPrimitive(left);
        const b = toPrimitive(right);
        if (typeof a === 'string' || typeof b === 'string') return checkStringLength(String(a) + String(b));
        return toNumberValue(a) + toNumberValue(b);
      }
      case '-':
        return toNumberValue(left) - toNumberValue(right);
      case '*':
        return toNumberValue(left) * toNumberValue(right);
      case '/':
        return toNumberValue(left) / toNumberValue(right);
      case '%':
        return toNumberValue(left) % toNumberValue(right);
      case '**':
        return toNumberValue(left) ** toNumberValue(right);
      case '===':
        return left === right;
      case '!==':
        return left !== right;
      case '==':
        return looseEquals(left, right);
      case '!=':
        return !looseEquals(left, right);
      case '<':
      case '>':
      case '<=':
      case '>=':
        return compare(operator, toPrimitive(left, 'number'), toPrimitive(right, 'number'));
      case '&':
        return toNumberValue(left) & toNumberValue(right);
      case '|':
        return toNumberValue(left) | toNumberValue(right);
      case '^':
        return toNumberValue(left) ^ toNumberValue(right);
      case '<<':
        return toNumberValue(left) << toNumberValue(right);
      case '>>':
        return toNumberValue(left) >> toNumberValue(right);
      case '>>>':
        return toNumberValue(left) >>> toNumberValue(right);
      case 'in':
        if (right === null || typeof right !== 'object') {
          throw runtimeFault(`Cannot use 'in' to search in ${describeType(right)}`);
        }
        return hasMember(right, toPropertyKey(left));
    }
  }
}

/** Relational comparison of two primitives (strings compare as strings, otherwise as numbers). */
function compare(operator: '<' | '>' | '<=' | '>=', a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') {
    const x = toNumberValue(a);
    const y = toNumberValue(b);
    a = x;
    b = y;
  }
  const x = a as string | number;
  const y = b as string | number;
  switch (operator) {
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
  }
}

/** Source-like text of simple nodes, for error messages (`$json.user.name`). */
export function describe(node: Node): string {
  switch (node.type) {
    case 'Identifier':
      return node.name;
    case 'Member': {
      const object = describe(node.object);
      const dot = node.optional ? '?.' : '.';
      if (typeof node.property === 'string') {
        return /^[A-Za-z_$][\w$]*$/.test(node.property) ? `${object}${dot}${node.property}` : `${object}${node.optional ? '?.' : ''}[${JSON.stringify(node.property)}]`;
      }
      return `${object}${node.optional ? '?.' : ''}[…]`;
    }
    case 'Call':
      return `${describe(node.callee)}(…)`;
    case 'Chain':
      return describe(node.expression);
    case 'Literal':
      return typeof node.value === 'string' ? JSON.stringify(node.value) : String(node.value);
    default:
      return 'the value';
  }
}
