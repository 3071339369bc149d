import type { BinaryOperator, Element, Node, Property, UnaryOperator } from './ast.ts';
import { forbiddenFault, syntaxFault } from './errors.ts';
import { LIMITS } from './limits.ts';
import { RegExpSyntaxError, SafeRegExp } from './regexp/safe-regexp.ts';
import { FORBIDDEN_IDENTIFIERS, STATEMENT_KEYWORDS, isForbiddenKey } from './security.ts';
import type { Token } from './tokenizer.ts';

/** Left binding power of each binary operator (higher binds tighter). */
const BINARY_POWER: Record<string, number> = {
  '??': 3,
  '||': 4,
  '&&': 5,
  '|': 6,
  '^': 7,
  '&': 8,
  '==': 9, '!=': 9, '===': 9, '!==': 9,
  '<': 10, '>': 10, '<=': 10, '>=': 10, in: 10,
  '<<': 11, '>>': 11, '>>>': 11,
  '+': 12, '-': 12,
  '*': 13, '/': 13, '%': 13,
  '**': 14,
};

const ASSIGNMENT_OPERATORS = new Set([
  '=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??=',
]);

const LITERAL_WORDS: ReadonlyMap<string, Extract<Node, { type: 'Literal' }>['value']> = new Map<
  string,
  Extract<Node, { type: 'Literal' }>['value']
>([
  ['true', true],
  ['false', false],
  ['null', null],
  ['undefined', undefined],
  ['NaN', NaN],
  ['Infinity', Infinity],
]);

/**
 * Parses one expression from `tokens` (as produced by `tokenize`, ending in an `eof` token).
 * Precedence climbing (Pratt) for binary operators, recursive descent for the rest. Throws
 * `ExpressionFault` for syntax errors and for constructs the language forbids.
 */
export function parseExpression(tokens: Token[]): Node {
  const parser = new Parser(tokens);
  const node = parser.parseTop();
  checkDepth(node);
  return node;
}

class Parser {
  private index = 0;
  private depth = 0;
  private readonly parenthesized = new WeakSet<Node>();

  constructor(private readonly tokens: Token[]) {}

  parseTop(): Node {
    const node = this.parseAssign();
    const next = this.peek();
    if (next.type !== 'eof') {
      if (next.type === 'punc' && (next.value === ',' || next.value === ';')) {
        throw syntaxFault(`Only one expression is allowed (unexpected '${next.value}')`, next.pos);
      }
      throw this.unexpected(next);
    }
    return node;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  private eatPunc(value: string): boolean {
    if (isPunc(this.peek(), value)) {
      this.index++;
      return true;
    }
    return false;
  }

  private expectPunc(value: string, context: string): Token {
    const token = this.peek();
    if (!isPunc(token, value)) {
      throw syntaxFault(`Expected '${value}' ${context} but found ${describeToken(token)}`, token.pos);
    }
    return this.next();
  }

  private unexpected(token: Token): Error {
    if (token.type === 'punc' && (token.value === '++' || token.value === '--')) {
      return forbiddenFault(`'${token.value}' is not allowed: expressions cannot change values`, token.pos);
    }
    if (token.type === 'punc' && ASSIGNMENT_OPERATORS.has(token.value)) {
      return forbiddenFault(`Assignment ('${token.value}') is not allowed in expressions`, token.pos);
    }
    return syntaxFault(`Unexpected ${describeToken(token)}`, token.pos);
  }

  private enter(pos: number): void {
    if (++this.depth > LIMITS.maxAstDepth) throw syntaxFault('Expression is nested too deeply', pos);
  }

  /** Arrow functions and the conditional operator (lowest precedence). */
  private parseAssign(): Node {
    const start = this.peek();
    this.enter(start.pos);
    try {
      const arrow = this.tryArrow();
      if (arrow !== null) return arrow;
      const test = this.parseBinary(0);
      if (!this.eatPunc('?')) return test;
      const consequent = this.parseAssign();
      this.expectPunc(':', 'in conditional expression');
      const alternate = this.parseAssign();
      return { type: 'Conditional', test, consequent, alternate, pos: start.pos };
    } finally {
      this.depth--;
    }
  }

  private tryArrow(): Node | null {
    const first = this.peek();
    if (first.type === 'name' && isPunc(this.peek(1), '=>')) {
      this.next();
      this.checkBindingName(first);
      this.next();
      return this.parseArrowBody([first.value], first.pos);
    }
    if (!isPunc(first, '(')) return null;
    const close = this.matchingParen(this.index);
    if (close < 0 || !isPunc(this.tokens[close + 1] ?? first, '=>')) return null;
    this.next();
    const params: string[] = [];
    while (!isPunc(this.peek(), ')')) {
      const token = this.next();
      if (isPunc(token, '...')) throw syntaxFault('Rest parameters are not supported', token.pos);
      if (isPunc(token, '{') || isPunc(token, '[')) {
        throw syntaxFault('Destructuring parameters are not supported', token.pos);
      }
      if (token.type !== 'name') throw syntaxFault(`Expected a parameter name but found ${describeToken(token)}`, token.pos);
      this.checkBindingName(token);
      if (params.includes(token.value)) throw syntaxFault(`Duplicate parameter '${token.value}'`, token.pos);
      params.push(token.value);
      if (isPunc(this.peek(), '=')) throw syntaxFault('Default parameter values are not supported', this.peek().pos);
      if (!this.eatPunc(',')) break;
    }
    this.expectPunc(')', 'after arrow function parameters');
    this.expectPunc('=>', 'in arrow function');
    return this.parseArrowBody(params, first.pos);
  }

  private parseArrowBody(params: string[], pos: number): Node {
    const token = this.peek();
    if (isPunc(token, '{')) {
      throw syntaxFault(
        'Arrow functions must have an expression body (to return an object, wrap it in parentheses: x => ({ … }))',
        token.pos,
      );
    }
    return { type: 'Arrow', params, body: this.parseAssign(), pos };
  }

  /** Index of the `)` matching the `(` at `open`, or -1. */
  private matchingParen(open: number): number {
    let depth = 0;
    for (let i = open; i < this.tokens.length; i++) {
      const token = this.tokens[i]!;
      if (token.type !== 'punc') continue;
      if (token.value === '(' || token.value === '[' || token.value === '{') depth++;
      else if (token.value === ')' || token.value === ']' || token.value === '}') {
        depth--;
        if (depth === 0) return token.value === ')' ? i : -1;
      }
    }
    return -1;
  }

  private checkBindingName(token: Extract<Token, { type: 'name' }>): void {
    const name = token.value;
    if (FORBIDDEN_IDENTIFIERS.has(name)) throw forbiddenFault(`'${name}' is not allowed as a parameter name`, token.pos);
    if (STATEMENT_KEYWORDS.has(name) || LITERAL_WORDS.has(name) || name === 'typeof' || name === 'void' || name === 'in') {
      throw syntaxFault(`'${name}' cannot be used as a parameter name`, token.pos);
    }
  }

  private parseBinary(minPower: number): Node {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      let operator: string | undefined;
      if (token.type === 'punc') {
        if (ASSIGNMENT_OPERATORS.has(token.value) || token.value === '++' || token.value === '--') {
          throw this.unexpected(token);
        }
        operator = token.value;
      } else if (token.type === 'name' && (token.value === 'in' || token.value === 'instanceof')) {
        if (token.value === 'instanceof') throw forbiddenFault("'instanceof' is not allowed", token.pos);
        operator = 'in';
      }
      const power = operator === undefined ? undefined : BINARY_POWER[operator];
      if (operator === undefined || power === undefined || power <= minPower) return left;
      this.next();
      if (operator === '**' && left.type === 'Unary' && !this.parenthesized.has(left)) {
        throw syntaxFault("Wrap the left side of '**' in parentheses when it starts with a unary operator", token.pos);
      }
      // `**` is right-associative.
      const right = this.parseBinary(operator === '**' ? power - 1 : power);
      if (operator === '&&' || operator === '||' || operator === '??') {
        left = { type: 'Logical', operator, left, right, pos: token.pos };
      } else {
        left = { type: 'Binary', operator: operator as BinaryOperator, left, right, pos: token.pos };
      }
    }
  }

  private parseUnary(): Node {
    const token = this.peek();
    let operator: UnaryOperator | undefined;
    if (token.type === 'punc' && (token.value === '!' || token.value === '-' || token.value === '+' || token.value === '~')) {
      operator = token.value;
    } else if (token.type === 'name' && (token.value === 'typeof' || token.value === 'void')) {
      operator = token.value;
    } else if (token.type === 'punc' && (token.value === '++' || token.value === '--')) {
      throw this.unexpected(token);
    }
    if (operator === undefined) return this.parsePostfix();
    this.next();
    this.enter(token.pos);
    try {
      return { type: 'Unary', operator, argument: this.parseUnary(), pos: token.pos };
    } finally {
      this.depth--;
    }
  }

  private parsePostfix(): Node {
    let node = this.parsePrimary();
    let optional = false;
    for (;;) {
      const token = this.peek();
      if (token.type === 'template') {
        throw forbiddenFault('Tagged template literals are not allowed', token.pos);
      }
      if (token.type !== 'punc') break;
      if (token.value === '.') {
        this.next();
        node = { type: 'Member', object: node, property: this.propertyName(), optional: false, pos: token.pos };
      } else if (token.value === '?.') {
        this.next();
        optional = true;
        if (this.eatPunc('(')) {
          node = { type: 'Call', callee: node, args: this.parseArguments(), optional: true, pos: token.pos };
        } else if (this.eatPunc('[')) {
          node = { type: 'Member', object: node, property: this.computedKey(), optional: true, pos: token.pos };
        } else {
          node = { type: 'Member', object: node, property: this.propertyName(), optional: true, pos: token.pos };
        }
      } else if (token.value === '[') {
        this.next();
        node = { type: 'Member', object: node, property: this.computedKey(), optional: false, pos: token.pos };
      } else if (token.value === '(') {
        this.next();
        node = { type: 'Call', callee: node, args: this.parseArguments(), optional: false, pos: token.pos };
      } else if (token.value === '++' || token.value === '--') {
        throw this.unexpected(token);
      } else {
        break;
      }
    }
    return optional ? { type: 'Chain', expression: node, pos: node.pos } : node;
  }

  private propertyName(): string {
    const token = this.next();
    if (token.type !== 'name') {
      if (isPunc(token, '#')) throw syntaxFault('Private names are not supported', token.pos);
      throw syntaxFault(`Expected a property name after '.' but found ${describeToken(token)}`, token.pos);
    }
    if (isForbiddenKey(token.value)) throw forbiddenFault(`Property '${token.value}' is not accessible`, token.pos);
    return token.value;
  }

  /** `[key]` after a value; literal keys become static names (checked now, not at run time). */
  private computedKey(): string | Node {
    const key = this.parseAssign();
    this.expectPunc(']', 'after computed property');
    if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) {
      const name = String(key.value);
      if (isForbiddenKey(name)) throw forbiddenFault(`Property '${name}' is not accessible`, key.pos);
      return name;
    }
    return key;
  }

  private parseArguments(): Element[] {
    const args: Element[] = [];
    while (!isPunc(this.peek(), ')')) {
      args.push(this.parseElement());
      if (!this.eatPunc(',')) break;
    }
    this.expectPunc(')', 'after arguments');
    return args;
  }

  private parseElement(): Element {
    const token = this.peek();
    if (isPunc(token, '...')) {
      this.next();
      return { type: 'Spread', argument: this.parseAssign(), pos: token.pos };
    }
    return this.parseAssign();
  }

  private parsePrimary(): Node {
    const token = this.next();
    switch (token.type) {
      case 'num':
      case 'str':
        return { type: 'Literal', value: token.value, pos: token.pos };
      case 'template':
        return this.parseTemplate(token);
      case 'regex':
        return this.parseRegExp(token);
      case 'name':
        return this.parseName(token);
      case 'punc':
        if (token.value === '(') {
          if (isPunc(this.peek(), ')')) throw syntaxFault("Empty parentheses '()' are not an expression", token.pos);
          const inner = this.parseAssign();
          this.expectPunc(')', 'to close parenthesis');
          this.parenthesized.add(inner);
          return inner;
        }
        if (token.value === '[') return this.parseArray(token.pos);
        if (token.value === '{') return this.parseObject(token.pos);
        throw this.unexpected(token);
      case 'eof':
        throw syntaxFault(this.index === 0 ? 'Empty expression' : 'Unexpected end of expression', token.pos);
    }
  }

  private parseName(token: Extract<Token, { type: 'name' }>): Node {
    const name = token.value;
    if (LITERAL_WORDS.has(name)) return { type: 'Literal', value: LITERAL_WORDS.get(name), pos: token.pos };
    if (FORBIDDEN_IDENTIFIERS.has(name)) throw forbiddenFault(`'${name}' is not allowed in expressions`, token.pos);
    if (STATEMENT_KEYWORDS.has(name)) {
      throw syntaxFault(`'${name}' is a statement keyword; an expression cannot contain statements`, token.pos);
    }
    if (name === 'typeof' || name === 'void' || name === 'in') throw syntaxFault(`Unexpected '${name}'`, token.pos);
    return { type: 'Identifier', name, pos: token.pos };
  }

  private parseTemplate(token: Extract<Token, { type: 'template' }>): Node {
    const expressions = token.parts.map((part) => {
      const sub = new Parser(part);
      sub.depth = this.depth;
      return sub.parseTop();
    });
    return { type: 'Template', quasis: token.quasis, expressions, pos: token.pos };
  }

  private parseRegExp(token: Extract<Token, { type: 'regex' }>): Node {
    try {
      return { type: 'RegExp', regexp: SafeRegExp.compile(token.pattern, token.flags), pos: token.pos };
    } catch (error) {
      if (error instanceof RegExpSyntaxError) throw syntaxFault(error.message, token.pos);
      throw error;
    }
  }

  private parseArray(pos: number): Node {
    const elements: Element[] = [];
    while (!isPunc(this.peek(), ']')) {
      if (isPunc(this.peek(), ',')) throw syntaxFault('Array holes are not supported', this.peek().pos);
      elements.push(this.parseElement());
      if (!this.eatPunc(',')) break;
    }
    this.expectPunc(']', 'to close array literal');
    return { type: 'Array', elements, pos };
  }

  private parseObject(pos: number): Node {
    const properties: Property[] = [];
    while (!isPunc(this.peek(), '}')) {
      const token = this.next();
      if (isPunc(token, '...')) {
        properties.push({ kind: 'spread', argument: this.parseAssign(), pos: token.pos });
      } else {
        properties.push(this.parseProperty(token));
      }
      if (!this.eatPunc(',')) break;
    }
    this.expectPunc('}', 'to close object literal');
    return { type: 'Object', properties, pos };
  }

  private parseProperty(token: Token): Property {
    let key: string | Node;
    if (token.type === 'name' || token.type === 'str') key = token.value;
    else if (token.type === 'num') key = String(token.value);
    else if (isPunc(token, '[')) key = this.computedKey();
    else throw syntaxFault(`Expected a property name but found ${describeToken(token)}`, token.pos);

    if (typeof key === 'string' && isForbiddenKey(key)) {
      throw forbiddenFault(`Property name '${key}' is not allowed`, token.pos);
    }
    const next = this.peek();
    if (token.type === 'name' && (token.value === 'get' || token.value === 'set') && next.type === 'name') {
      throw forbiddenFault('Getters and setters are not allowed in object literals', token.pos);
    }
    if (isPunc(next, '(')) {
      throw syntaxFault('Methods are not supported in object literals; use an arrow function: key: (x) => …', next.pos);
    }
    if (token.type === 'name' && (isPunc(next, ',') || isPunc(next, '}'))) {
      return { kind: 'init', key: token.value, value: this.parseName(token), pos: token.pos };
    }
    this.expectPunc(':', 'after property name');
    return { kind: 'init', key, value: this.parseAssign(), pos: token.pos };
  }
}

function isPunc(token: Token, value: string): boolean {
  return token.type === 'punc' && token.value === value;
}

function describeToken(token: Token): string {
  switch (token.type) {
    case 'eof':
      return 'end of expression';
    case 'punc':
      return `'${token.value}'`;
    case 'name':
      return `'${token.value}'`;
    case 'num':
      return `number ${token.value}`;
    case 'str':
      return 'string';
    case 'template':
      return 'template literal';
    case 'regex':
      return 'regular expression';
  }
}

/** Rejects trees deeper than the limit, iteratively so that the check cannot overflow the stack. */
function checkDepth(root: Node): void {
  const stack: Array<[Node, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > LIMITS.maxAstDepth) throw syntaxFault('Expression is nested too deeply', node.pos);
    for (const child of children(node)) stack.push([child, depth + 1]);
  }
}

function children(node: Node): Node[] {
  switch (node.type) {
    case 'Literal':
    case 'RegExp':
    case 'Identifier':
      return [];
    case 'Template':
      return node.expressions;
    case 'Array':
      return node.elements.map((e) => (e.type === 'Spread' ? e.argument : e));
    case 'Object':
      return node.properties.flatMap((p) =>
        p.kind === 'spread' ? [p.argument] : typeof p.key === 'string' ? [p.value] : [p.key, p.value],
      );
    case 'Member':
      return typeof node.property === 'string' ? [node.object] : [node.object, node.property];
    case 'Call':
      return [node.callee, ...node.args.map((e) => (e.type === 'Spread' ? e.argument : e))];
    case 'Chain':
      return [node.expression];
    case 'Unary':
      return [node.argument];
    case 'Binary':
    case 'Logical':
      return [node.left, node.right];
    case 'Conditional':
      return [node.test, node.consequent, node.alternate];
    case 'Arrow':
      return [node.body];
  }
}
