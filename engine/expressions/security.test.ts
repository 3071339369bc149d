import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExpressionError, renderTemplate, resolveParams } from './index.ts';
import { makeScope } from './test-scope.ts';

/**
 * Known ways out of JavaScript expression sandboxes. Each one must end in an ExpressionError
 * (or a harmless value), and the host must be unchanged afterwards.
 */
type Outcome = 'EXPRESSION_FORBIDDEN' | 'EXPRESSION_SYNTAX' | 'EXPRESSION_RUNTIME' | 'EXPRESSION_TIMEOUT' | 'error' | { value: unknown };

const ESCAPES: Array<[name: string, template: string, outcome: Outcome]> = [
  ['constructor chain', "{{ constructor.constructor('return process')() }}", 'EXPRESSION_FORBIDDEN'],
  ['string constructor', "{{ ''.constructor.constructor }}", 'EXPRESSION_FORBIDDEN'],
  ['string constructor, computed', "{{ ''['constructor']['constructor']('return process')() }}", 'EXPRESSION_FORBIDDEN'],
  ['string constructor, built name', "{{ ''['con' + 'structor'] }}", 'EXPRESSION_FORBIDDEN'],
  ['number constructor', '{{ (1).constructor }}', 'EXPRESSION_FORBIDDEN'],
  ['json constructor', '{{ $json["constructor"]["constructor"] }}', 'EXPRESSION_FORBIDDEN'],
  ['json constructor via template key', '{{ $json[`constructor`] }}', 'EXPRESSION_FORBIDDEN'],
  ['node constructor', '{{ $node.constructor }}', 'EXPRESSION_FORBIDDEN'],
  ['array method constructor', '{{ [].map.constructor }}', 'EXPRESSION_FORBIDDEN'],
  ['array method constructor computed', "{{ [].map['constructor']('return 1')() }}", 'EXPRESSION_FORBIDDEN'],
  ['caller function constructor', "{{ $input.first['constructor'] }}", 'EXPRESSION_FORBIDDEN'],
  ['arrow constructor', '{{ (x => x).constructor }}', 'EXPRESSION_FORBIDDEN'],
  ['proto assignment', '{{ $json.__proto__.polluted = 1 }}', 'EXPRESSION_FORBIDDEN'],
  ['proto read', '{{ $json.__proto__ }}', 'EXPRESSION_FORBIDDEN'],
  ['proto built name', "{{ $json['__pro' + 'to__'] }}", 'EXPRESSION_FORBIDDEN'],
  ['proto via array key', "{{ $json[['__proto__']] }}", 'EXPRESSION_FORBIDDEN'],
  ['proto via replace', "{{ $json['__PROTO__'.toLowerCase()] }}", 'EXPRESSION_FORBIDDEN'],
  ['prototype', '{{ $json.prototype }}', 'EXPRESSION_FORBIDDEN'],
  ['object literal __proto__ key', '{{ {"__proto__": {"polluted": 1}} }}', 'EXPRESSION_FORBIDDEN'],
  ['object literal __proto__ identifier key', '{{ {__proto__: {polluted: 1}} }}', 'EXPRESSION_FORBIDDEN'],
  ['object literal computed __proto__', "{{ {['__proto__']: {polluted: 1}} }}", 'EXPRESSION_FORBIDDEN'],
  ['object literal computed built __proto__', "{{ {['__pr' + 'oto__']: {polluted: 1}} }}", 'EXPRESSION_FORBIDDEN'],
  ['fromEntries __proto__', "{{ Object.fromEntries([['__proto__', {polluted: 1}]]) }}", 'EXPRESSION_FORBIDDEN'],
  ['constructor key in literal', '{{ {constructor: 1} }}', 'EXPRESSION_FORBIDDEN'],
  ['Object.assign', '{{ Object.assign({}, {a: 1}) }}', 'EXPRESSION_RUNTIME'],
  ['Object.defineProperty', "{{ Object.defineProperty($json, 'x', {value: 1}) }}", 'EXPRESSION_RUNTIME'],
  ['Object.prototype', '{{ Object.prototype }}', 'EXPRESSION_FORBIDDEN'],
  ['Object.getPrototypeOf', '{{ Object.getPrototypeOf($json) }}', 'EXPRESSION_RUNTIME'],
  ['__defineGetter__', "{{ $json.__defineGetter__('x', () => 1) }}", 'EXPRESSION_FORBIDDEN'],
  ['__lookupGetter__', "{{ $json['__lookupGetter__']('name') }}", 'EXPRESSION_FORBIDDEN'],
  ['getter in literal', '{{ { get x() { return 1 } } }}', 'EXPRESSION_FORBIDDEN'],
  ['method in literal', '{{ { toString() { return 1 } } }}', 'EXPRESSION_SYNTAX'],
  ['this', '{{ this }}', 'EXPRESSION_FORBIDDEN'],
  ['this in arrow', '{{ (() => this)() }}', 'EXPRESSION_FORBIDDEN'],
  ['globalThis', '{{ globalThis }}', 'EXPRESSION_FORBIDDEN'],
  ['global', '{{ global.process }}', 'EXPRESSION_FORBIDDEN'],
  ['window', '{{ window }}', 'EXPRESSION_FORBIDDEN'],
  ['process.env', '{{ process.env }}', 'EXPRESSION_FORBIDDEN'],
  ['process in scope is still forbidden', '{{ process }}', 'EXPRESSION_FORBIDDEN'],
  ['require', "{{ require('fs') }}", 'EXPRESSION_FORBIDDEN'],
  ['module', '{{ module.require }}', 'EXPRESSION_FORBIDDEN'],
  ['dynamic import', "{{ import('fs') }}", 'EXPRESSION_FORBIDDEN'],
  ['import.meta', '{{ import.meta }}', 'EXPRESSION_FORBIDDEN'],
  ['Function', "{{ Function('return process')() }}", 'EXPRESSION_FORBIDDEN'],
  ['new Function', "{{ new Function('return 1') }}", 'EXPRESSION_FORBIDDEN'],
  ['new Error', "{{ new Error('x') }}", 'EXPRESSION_FORBIDDEN'],
  ['eval', "{{ eval('1') }}", 'EXPRESSION_FORBIDDEN'],
  ['indirect eval (the comma operator is not supported)', "{{ (0, eval)('1') }}", 'EXPRESSION_SYNTAX'],
  ['arguments', '{{ arguments }}', 'EXPRESSION_FORBIDDEN'],
  ['arguments in arrow', '{{ (() => arguments)() }}', 'EXPRESSION_FORBIDDEN'],
  ['Reflect', "{{ Reflect.get($json, 'name') }}", 'EXPRESSION_FORBIDDEN'],
  ['Proxy', '{{ Proxy }}', 'EXPRESSION_FORBIDDEN'],
  ['Symbol', '{{ Symbol.iterator }}', 'EXPRESSION_FORBIDDEN'],
  ['setTimeout', '{{ setTimeout(x => x, 0) }}', 'EXPRESSION_FORBIDDEN'],
  ['fetch', "{{ fetch('http://127.0.0.1') }}", 'EXPRESSION_FORBIDDEN'],
  ['async arrow', '{{ async () => 1 }}', 'EXPRESSION_FORBIDDEN'],
  ['await', '{{ await 1 }}', 'EXPRESSION_FORBIDDEN'],
  ['delete', '{{ delete $json.name }}', 'EXPRESSION_FORBIDDEN'],
  ['function keyword', '{{ function () { return 1 } }}', 'EXPRESSION_FORBIDDEN'],
  ['class keyword', '{{ class {} }}', 'EXPRESSION_FORBIDDEN'],
  ['instanceof', '{{ $json instanceof Object }}', 'EXPRESSION_FORBIDDEN'],
  ['assignment', '{{ $json.name = "x" }}', 'EXPRESSION_FORBIDDEN'],
  ['compound assignment', '{{ $json.age += 1 }}', 'EXPRESSION_FORBIDDEN'],
  ['logical assignment', '{{ $json.x ??= 1 }}', 'EXPRESSION_FORBIDDEN'],
  ['increment', '{{ $json.age++ }}', 'EXPRESSION_FORBIDDEN'],
  ['pre-decrement', '{{ --$index }}', 'EXPRESSION_FORBIDDEN'],
  ['statement', '{{ var x = 1 }}', 'EXPRESSION_SYNTAX'],
  ['sequence', '{{ 1, process }}', 'EXPRESSION_SYNTAX'],
  ['semicolon', '{{ 1; 2 }}', 'EXPRESSION_SYNTAX'],
  ['while loop', '{{ while(true){} }}', 'EXPRESSION_SYNTAX'],
  ['block arrow body', '{{ (() => { while (true) {} })() }}', 'EXPRESSION_SYNTAX'],
  ['unicode escaped identifier', '{{ \\u0063onstructor }}', 'EXPRESSION_FORBIDDEN'],
  ['unicode escaped member', '{{ $json.\\u0063onstructor }}', 'EXPRESSION_FORBIDDEN'],
  ['unicode escaped computed key', '{{ $json["\\u0063onstructor"] }}', 'EXPRESSION_FORBIDDEN'],
  ['hex escaped computed key', '{{ $json["\\x5f_proto__"] }}', 'EXPRESSION_FORBIDDEN'],
  ['escaped key in literal', '{{ {"\\u005f_proto__": 1} }}', 'EXPRESSION_FORBIDDEN'],
  ['tagged template', '{{ String.raw`x` }}', 'EXPRESSION_FORBIDDEN'],
  ['tagged template on caller fn', '{{ $input.first`x` }}', 'EXPRESSION_FORBIDDEN'],
  ['toString.call', '{{ ({}).toString.call }}', 'EXPRESSION_RUNTIME'],
  ['Object.prototype.toString via method', '{{ $json.toString() }}', 'EXPRESSION_RUNTIME'],
  ['valueOf on object', '{{ $json.valueOf() }}', 'EXPRESSION_RUNTIME'],
  ['fn.call', '{{ $input.first.call(null) }}', 'EXPRESSION_RUNTIME'],
  ['fn.apply', '{{ Math.max.apply(null, [1]) }}', 'EXPRESSION_RUNTIME'],
  ['fn.bind', "{{ ''.toUpperCase.bind('x')() }}", 'EXPRESSION_RUNTIME'],
  ['caller / callee', '{{ $input.first.caller }}', 'EXPRESSION_FORBIDDEN'],
  ['valueOf trick in +', '{{ ({ valueOf: () => 41 }) + 1 }}', { value: '[object Object]1' }],
  ['toString trick in template', '{{ `${{ toString: () => "pwned" }}` }}', { value: '[object Object]' }],
  ['toString trick with caller function', '{{ ({ toString: $input.first }) + "" }}', { value: '[object Object]' }],
  ['valueOf trick in ==', '{{ ({ valueOf: () => 1 }) == 1 }}', { value: false }],
  ['toJSON trick', '{{ JSON.stringify({ toJSON: () => "pwned", a: 1 }) }}', { value: '{"a":1}' }],
  ['toJSON trick with caller function', '{{ JSON.stringify({ toJSON: $input.first }) }}', { value: '{}' }],
  ['sort comparator side effects', '{{ [3, 1].sort((a, b) => a.constructor) }}', 'EXPRESSION_FORBIDDEN'],
  ['hasOwnProperty shadowing', "{{ ({ hasOwnProperty: 1 }).hasOwnProperty('x') }}", 'EXPRESSION_RUNTIME'],
  ['reading inherited Object.prototype member', '{{ $json.isPrototypeOf }}', { value: undefined }],
  ['reading inherited array member', '{{ $json.tags.push }}', { value: undefined }],
  ['mutating array method', "{{ $json.tags.push('x') }}", 'EXPRESSION_RUNTIME'],
  ['splice', '{{ $json.tags.splice(0) }}', 'EXPRESSION_RUNTIME'],
  ['reading function name', '{{ $input.first.name }}', { value: undefined }],
  ['stdlib internals', '{{ Math.round.fn }}', { value: undefined }],
  ['namespace internals', '{{ Math.members }}', { value: undefined }],
  ['regexp internals', '{{ /a/.program }}', { value: undefined }],
  ['arrow internals', '{{ (x => x).body }}', { value: undefined }],
  ['deep recursion by self-application', '{{ (f => f(f))(f => f(f)) }}', 'EXPRESSION_RUNTIME'],
  ['Y combinator', '{{ (f => (x => x(x))(x => f(y => x(x)(y))))(r => n => n <= 0 ? 0 : 1 + r(n - 1))(100000) }}', 'EXPRESSION_RUNTIME'],
  ['huge repeat', "{{ 'a'.repeat(1e9) }}", 'EXPRESSION_RUNTIME'],
  ['huge padStart', "{{ 'a'.padStart(2 ** 30) }}", 'EXPRESSION_RUNTIME'],
  ['doubling concatenation', "{{ [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25].reduce(s => s + s, 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx') }}", 'EXPRESSION_RUNTIME'],
  ['nested map of huge arrays', "{{ 'x'.repeat(100000).split('').map(a => 'y'.repeat(100000).split('').map(b => a + b)) }}", 'EXPRESSION_TIMEOUT'],
  ['exponential shared result', '{{ [1,2,3,4,5,6,7,8,9,10].reduce(a => [a, a, a, a, a, a, a, a], [1]) }}', 'EXPRESSION_TIMEOUT'],
  ['exponential shared stringify', '{{ JSON.stringify([1,2,3,4,5,6,7,8,9,10].reduce(a => [a, a, a, a, a, a, a, a], [1])) }}', 'EXPRESSION_TIMEOUT'],
  // Linear-time matching: catastrophic patterns simply answer (V8 would hang for ages here).
  ['ReDoS pattern', "{{ /(a+)+$/.test('a'.repeat(5000) + '!') }}", { value: false }],
  ['ReDoS via string pattern', "{{ ('a'.repeat(5000) + '!').match('(a|aa)+$') }}", { value: null }],
  ['ReDoS on huge input hits the budget', "{{ /(a+)+$/.test('a'.repeat(1000000) + '!') }}", 'EXPRESSION_TIMEOUT'],
  ['backreference', "{{ /(a)\\1/.test('aa') }}", 'EXPRESSION_SYNTAX'],
  ['lookbehind', "{{ /(?<=a)b/.test('ab') }}", 'EXPRESSION_SYNTAX'],
  ['regexp from string with backreference', "{{ 'aa'.match('(a)\\\\1') }}", 'EXPRESSION_RUNTIME'],
  ['comment to hide code', '{{ 1 /* }} */ }}', 'EXPRESSION_SYNTAX'],
  ['line comment', '{{ 1 // x\n }}', 'EXPRESSION_SYNTAX'],
  ['deep nesting', `{{ ${'('.repeat(5000)}1${')'.repeat(5000)} }}`, 'EXPRESSION_SYNTAX'],
  ['deep member chain', `{{ $json${'.a'.repeat(5000)} }}`, 'EXPRESSION_SYNTAX'],
  ['long binary chain', `{{ 1${'+1'.repeat(5000)} }}`, 'EXPRESSION_SYNTAX'],
  ['deep unary chain', `{{ ${'!'.repeat(5000)}1 }}`, 'EXPRESSION_SYNTAX'],
  ['deep array literal', `{{ ${'['.repeat(3000)}${']'.repeat(3000)} }}`, 'EXPRESSION_SYNTAX'],
  ['private name', '{{ $json.#x }}', 'EXPRESSION_SYNTAX'],
  ['decorator', '{{ @x }}', 'EXPRESSION_SYNTAX'],
  ['bigint literal', '{{ 10n ** 100000n }}', 'EXPRESSION_SYNTAX'],
];

describe('security: escape corpus', () => {
  const protoNamesBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  const arrayProtoBefore = Object.getOwnPropertyNames(Array.prototype).sort();
  const functionProtoBefore = Object.getOwnPropertyNames(Function.prototype).sort();
  const globalsBefore = Object.getOwnPropertyNames(globalThis).sort();
  let scope: Record<string, unknown>;

  beforeAll(() => {
    // A careless caller that leaks host objects into the scope must still be safe.
    scope = makeScope({ process, require: () => 'host require', globalThis, eval });
  });

  afterAll(() => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoNamesBefore);
    expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(arrayProtoBefore);
    expect(Object.getOwnPropertyNames(Function.prototype).sort()).toEqual(functionProtoBefore);
    expect(Object.getOwnPropertyNames(globalThis).sort()).toEqual(globalsBefore);
  });

  it.each(ESCAPES)('%s', (_, template, outcome) => {
    const started = performance.now();
    let result: unknown;
    let error: unknown;
    try {
      result = renderTemplate(template, scope, { timeoutMs: 200 });
    } catch (e) {
      error = e;
    }
    if (typeof outcome === 'object') {
      expect(error).toBeUndefined();
      expect(result).toEqual(outcome.value);
    } else {
      expect(error).toBeInstanceOf(ExpressionError);
      if (outcome !== 'error') expect((error as ExpressionError).code).toBe(outcome);
    }
    // Every attempt ends promptly (timeout 200 ms + slack).
    expect(performance.now() - started).toBeLessThan(2_000);
    // No pollution of any kind.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(scope.$json)).toBe(Object.prototype);
    expect(typeof result).not.toBe('function');
  });

  it('never returns the host Function, process or globalThis reached through the scope', () => {
    const values = ['{{ $input }}', '{{ $node }}', '{{ [$input.first] }}', '{{ { f: $input.all } }}'].map((t) => renderTemplate(t, scope));
    const seen = new Set<unknown>();
    const visit = (v: unknown): void => {
      if (v === null || typeof v !== 'object' || seen.has(v)) return;
      seen.add(v);
      for (const child of Object.values(v)) {
        expect(child).not.toBe(Function);
        expect(child).not.toBe(process);
        expect(child).not.toBe(globalThis);
        visit(child);
      }
    };
    values.forEach(visit);
  });

  it('only walks own data of caller objects (class instances expose no methods)', () => {
    class Secret {
      readonly visible = 1;
      reveal(): string {
        return 'secret';
      }
    }
    const local = { $s: new Secret() };
    expect(renderTemplate('{{ $s.visible }}', local)).toBe(1);
    expect(renderTemplate('{{ $s.reveal }}', local)).toBeUndefined();
    expect(() => renderTemplate('{{ $s.reveal() }}', local)).toThrow(/is not a function/);
  });

  it('resolveParams cannot be used to pollute prototypes either', () => {
    resolveParams({ a: '{{ Object.fromEntries([["polluted", 1]]) }}', b: ['{{ { ...$json } }}'] }, scope);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
