import { describe, expect, it } from 'vitest';
import { ExpressionError, renderTemplate } from './index.ts';
import { makeScope } from './test-scope.ts';

const scope = makeScope();
const run = (template: string, extra: Record<string, unknown> = {}) => renderTemplate(template, { ...scope, ...extra });

describe('expressions: normal use', () => {
  it.each<[string, unknown]>([
    // variables and members
    ['{{ $json.name }}', 'Ann Lee'],
    ['{{ $json["name"] }}', 'Ann Lee'],
    ['{{ $json.address.city }}', 'Paris'],
    ['{{ $json.tags[1] }}', 'b'],
    ['{{ $json.tags.length }}', 2],
    ['{{ $json.tags.at(-1) }}', 'b'],
    ['{{ $index }}', 0],
    ['{{ $item.json.age }}', 31],
    ['{{ $workflow.name }}', 'Demo'],
    ['{{ $run.id }}', 'run_1'],
    ['{{ $node["Fetch"].json.x }}', 42],
    ['{{ $node.Fetch.json.user.id }}', 'u1'],
    ['{{ $node["Get Users"].first().json.list[0] }}', 9],
    ['{{ $node["Fetch"].all().length }}', 2],
    ['{{ $node["Fetch"].item(1).json.x }}', 7],
    ['{{ $input.first().json.email }}', 'Ann@Example.COM'],
    ['{{ $input.item.json.name }}', 'Ann Lee'],
    ['{{ $input.all().length }}', 3],
    // literals
    ['{{ 1_000 + 0x10 + 0b11 + 0o7 + .5 + 1e2 }}', 1000 + 16 + 3 + 7 + 0.5 + 100],
    ['{{ "a\\tb\\u0041\\x42\\u{1F600}" }}', 'a\tbAB😀'],
    ["{{ 'it\\'s' }}", "it's"],
    ['{{ [1, "two", null, true, undefined] }}', [1, 'two', null, true, undefined]],
    ['{{ { a: 1, "b c": 2, 3: "x", [`k${1 + 1}`]: 4 } }}', { a: 1, 'b c': 2, 3: 'x', k2: 4 }],
    ['{{ { name: $json.name, n: $index } }}', { name: 'Ann Lee', n: 0 }],
    ['{{ ({ x: 1 }).x }}', 1],
    ['{{ NaN }}', NaN],
    ['{{ -Infinity }}', -Infinity],
    // operators
    ['{{ 2 + 3 * 4 ** 2 / 8 - 1 }}', 7],
    ['{{ 2 ** 3 ** 2 }}', 512],
    ['{{ (-2) ** 2 }}', 4],
    ['{{ 7 % 3 }}', 1],
    ['{{ "a" + 1 + 2 }}', 'a12'],
    ['{{ 1 + 2 + "a" }}', '3a'],
    ['{{ [1, 2] + "" }}', '1,2'],
    ['{{ ({}) + "" }}', '[object Object]'],
    ['{{ "5" * "2" }}', 10],
    ['{{ 1 < 2 && "b" > "a" && 2 >= 2 && !(3 <= 2) }}', true],
    ['{{ "10" < "9" }}', true],
    ['{{ "10" < 9 }}', false],
    ['{{ 1 == "1" && null == undefined && 0 != "" === false }}', true],
    ['{{ 1 === "1" || null === undefined }}', false],
    ['{{ [1] == 1 }}', true],
    ['{{ 5 & 3 | 8 ^ 1 }}', 1 | (8 ^ 1)],
    ['{{ 1 << 4 >> 2 >>> 1 }}', 2],
    ['{{ ~5 }}', -6],
    ['{{ -"3" + +"4" }}', 1],
    ['{{ typeof $json + typeof 1 + typeof "" + typeof undefinedThing + typeof (x => x) + typeof Math.round }}', 'objectnumberstringundefinedfunctionfunction'],
    ['{{ void 0 }}', undefined],
    ['{{ $json.age > 18 ? "adult" : "minor" }}', 'adult'],
    ['{{ $json.nope ?? "default" }}', 'default'],
    ['{{ 0 ?? 1 }}', 0],
    ['{{ 0 || "x" }}', 'x'],
    ['{{ "y" && 0 }}', 0],
    ['{{ "name" in $json }}', true],
    ['{{ "toString" in $json }}', false],
    ['{{ 1 in [5, 6] }}', true],
    // optional chaining
    ['{{ $json.nope?.deep.deeper }}', undefined],
    ['{{ $json.address?.city }}', 'Paris'],
    ['{{ $json.nope?.[0] }}', undefined],
    ['{{ $json.nope?.() }}', undefined],
    ['{{ $json.name?.toUpperCase() }}', 'ANN LEE'],
    ['{{ $input.all()[1].json.address?.city ?? "?" }}', '?'],
    // arrow functions and array methods
    ['{{ $input.all().map(i => i.json.name) }}', ['Ann Lee', 'Bob', 'Cy']],
    ['{{ $input.all().filter(i => i.json.age >= 18).map(i => i.json.name).join(", ") }}', 'Ann Lee, Cy'],
    ['{{ $input.all().find(i => i.json.name === "Bob").json.age }}', 17],
    ['{{ $input.all().findIndex(i => i.json.age > 40) }}', 2],
    ['{{ $input.all().some(i => i.json.tags.length === 0) }}', true],
    ['{{ $input.all().every(i => i.json.email.includes("@")) }}', true],
    ['{{ $input.all().reduce((sum, i) => sum + i.json.age, 0) }}', 93],
    ['{{ [[1, 2], [3]].reduce((a, b) => a.concat(b)) }}', [1, 2, 3]],
    ['{{ $input.all().flatMap(i => i.json.tags) }}', ['a', 'b', 'c']],
    ['{{ [1, [2, [3, [4]]]].flat(2) }}', [1, 2, 3, [4]]],
    ['{{ [3, 10, 1].sort() }}', [1, 10, 3]],
    ['{{ [3, 10, 1].sort((a, b) => b - a) }}', [10, 3, 1]],
    ['{{ $input.all().map(i => i.json).sort((a, b) => a.name.localeCompare(b.name)).map(u => u.name) }}', ['Ann Lee', 'Bob', 'Cy']],
    ['{{ [1, 2, 3].reverse() }}', [3, 2, 1]],
    ['{{ [1, 2, 3, 4].slice(1, -1) }}', [2, 3]],
    ['{{ [1, 2, 3].includes(2) && [1, 2, 3].indexOf(3) === 2 }}', true],
    ['{{ [1, 2, 3].map((x, i) => x * i) }}', [0, 2, 6]],
    ['{{ [1, 2].map(x => [1, 2].map(y => x * 10 + y)) }}', [[11, 12], [21, 22]]],
    ['{{ (a => b => a + b)(1)(2) }}', 3],
    ['{{ ((a, b) => a * b)(6, 7) }}', 42],
    ['{{ (() => 5)() }}', 5],
    ['{{ [1, 2, 3].map(x => ({ v: x })) }}', [{ v: 1 }, { v: 2 }, { v: 3 }]],
    ['{{ ["a", "b"].map("x".concat) }}', ['xa0a,b', 'xb1a,b']], // same as JavaScript: concat(item, index, array)
    // spread
    ['{{ [...$json.tags, "z"] }}', ['a', 'b', 'z']],
    ['{{ [..."héllo"] }}', ['h', 'é', 'l', 'l', 'o']],
    ['{{ { ...$json.address, zip: "75001" } }}', { city: 'Paris', zip: '75001' }],
    ['{{ Math.max(...$node.Fetch.json.list) }}', 3],
    // template literals
    ['{{ `Hi ${$json.name}, you are ${$json.age}` }}', 'Hi Ann Lee, you are 31'],
    ['{{ `a${`b${"c"}`}d` }}', 'abcd'],
    ['{{ `multi\nline` }}', 'multi\nline'],
    ['{{ `obj: ${{}} arr: ${[1, 2]}` }}', 'obj: [object Object] arr: 1,2'],
    // string methods
    ['{{ $json.name.toUpperCase() }}', 'ANN LEE'],
    ['{{ $json.email.toLowerCase().trim() }}', 'ann@example.com'],
    ['{{ $json.name.split(" ")[0] }}', 'Ann'],
    ['{{ $json.name.slice(0, 3) }}', 'Ann'],
    ['{{ $json.name.substring(4) }}', 'Lee'],
    ['{{ $json.name.startsWith("Ann") && $json.name.endsWith("Lee") }}', true],
    ['{{ $json.name.replace("Ann", "Anne") }}', 'Anne Lee'],
    ['{{ "a-b-c".replaceAll("-", "+") }}', 'a+b+c'],
    ['{{ "7".padStart(3, "0") }}', '007'],
    ['{{ "ab".repeat(3) }}', 'ababab'],
    ['{{ "abc".charAt(1) + "abc"[2] + "abc".at(-3) }}', 'bca'],
    ['{{ "Hello".indexOf("l") + "Hello".lastIndexOf("l") }}', 5],
    ['{{ "a,b,,c".split(",", 3) }}', ['a', 'b', '']],
    ['{{ "  x  ".trimStart() + "|" }}', 'x  |'],
    ['{{ "x".concat(1, "y") }}', 'x1y'],
    // regular expressions
    ['{{ $json.email.replace(/@.*$/, "") }}', 'Ann'],
    ['{{ "2024-05-31".replace(/(\\d+)-(\\d+)-(\\d+)/, "$3/$2/$1") }}', '31/05/2024'],
    ['{{ "a1b22c333".match(/\\d+/g) }}', ['1', '22', '333']],
    ['{{ "a1b22c333".match(/\\d+/).index }}', 1],
    ['{{ "John Smith".replace(/(?<first>\\w+) (?<last>\\w+)/, "$<last>, $<first>") }}', 'Smith, John'],
    ['{{ "x-y_z w".split(/[-_ ]/) }}', ['x', 'y', 'z', 'w']],
    ['{{ "aXbxc".split(/x/i) }}', ['a', 'b', 'c']],
    ['{{ "abc".split(/(b)/) }}', ['a', 'b', 'c']],
    ['{{ /^[a-z]+@[a-z]+\\.[a-z]{2,}$/i.test($json.email) }}', true],
    ['{{ "one two".replace(/\\w+/g, w => w.toUpperCase()) }}', 'ONE TWO'],
    ['{{ "aaa".replace(/a/g, "$&$&") }}', 'aaaaaa'],
    ['{{ "a.b.c".search(/\\./) }}', 1],
    ['{{ "k1=v1;k2=v2".matchAll(/(\\w+)=(\\w+)/g).map(m => m[1] + ":" + m[2]) }}', ['k1:v1', 'k2:v2']],
    ['{{ /a(b)?/.exec("xac")[1] }}', undefined],
    ['{{ /ab+c/gi.flags + /ab+c/.source }}', 'giab+c'],
    ['{{ "Line1\\nline2".match(/^line\\d$/mi)[0] }}', 'Line1'],
    ['{{ "café".match(".é")[0] }}', 'fé'],
    // number methods
    ['{{ (3.14159).toFixed(2) }}', '3.14'],
    ['{{ (255).toString(16) }}', 'ff'],
    ['{{ (1234.5).toLocaleString("en-US") }}', '1,234.5'],
    ['{{ (0.000123).toPrecision(2) }}', '0.00012'],
    ['{{ true.toString() }}', 'true'],
    // objects
    ['{{ $json.hasOwnProperty("age") }}', true],
    ['{{ Object.keys($json.address) }}', ['city']],
    ['{{ Object.values({ a: 1, b: 2 }) }}', [1, 2]],
    ['{{ Object.entries({ a: 1 }) }}', [['a', 1]]],
    ['{{ Object.fromEntries([["a", 1], ["b", 2]]) }}', { a: 1, b: 2 }],
  ])('%s → %j', (template, expected) => {
    expect(run(template)).toEqual(expected);
  });

  it('calls caller functions with their object as `this`', () => {
    const counter = { n: 41, next() { return this.n + 1; } };
    expect(run('{{ $c.next() }}', { $c: counter })).toBe(42);
  });

  it('reports unknown variables and names the available ones', () => {
    expect(() => run('{{ $jsn.name }}')).toThrow(/'\$jsn' is not defined \(available: \$json/);
  });

  it('explains reads of undefined with the path that was undefined', () => {
    expect(() => run('{{ $json.profile.name }}')).toThrow("Cannot read 'name' of undefined: $json.profile is undefined");
  });

  it('errors are ExpressionError with code and expression', () => {
    try {
      run('Hello {{ $json.name.first.x }}');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      const e = error as ExpressionError;
      expect(e.code).toBe('EXPRESSION_RUNTIME');
      expect(e.expression).toBe(' $json.name.first.x ');
      expect(e.message).toContain('{{ $json.name.first.x }}');
    }
  });

  it('wraps errors thrown by caller functions', () => {
    const $node = { Missing: { all: () => { throw new Error('Node "Missing" has not run yet'); } } };
    expect(() => run('{{ $node.Missing.all() }}', { $node })).toThrow(/Node "Missing" has not run yet/);
  });

  it('does not call functions that are not callable values', () => {
    expect(() => run('{{ $json.name() }}')).toThrow(/\$json\.name is not a function \(it is a string\)/);
    expect(() => run('{{ $json.nope() }}')).toThrow(/is not a function/);
  });
});
