import { describe, expect, it } from 'vitest';
import { ExpressionError, hasExpression, renderTemplate, resolveParams, validateExpression, validateTemplate } from './index.ts';
import { makeScope } from './test-scope.ts';

const scope = makeScope();

describe('hasExpression', () => {
  it('detects {{', () => {
    expect(hasExpression('Hello {{ $json.name }}')).toBe(true);
    expect(hasExpression('plain text')).toBe(false);
    expect(hasExpression('{ single }')).toBe(false);
  });
});

describe('renderTemplate', () => {
  it('returns strings without blocks unchanged', () => {
    expect(renderTemplate('no expressions here', scope)).toBe('no expressions here');
  });

  it('returns the raw value of a single block, whitespace around allowed', () => {
    expect(renderTemplate('{{ $json.age }}', scope)).toBe(31);
    expect(renderTemplate('  {{ $json.tags }} \n', scope)).toEqual(['a', 'b']);
    expect(renderTemplate('{{$json.address}}', scope)).toEqual({ city: 'Paris' });
    expect(renderTemplate('{{ null }}', scope)).toBeNull();
  });

  it('returns caller data by identity when nothing needs cleaning', () => {
    expect(renderTemplate('{{ $json }}', scope)).toBe(scope.$json);
  });

  it('interpolates several blocks into a string', () => {
    expect(renderTemplate('{{ $json.name }} ({{ $json.age }}) {{ $json.tags }} {{ $json.address }}', scope)).toBe(
      'Ann Lee (31) ["a","b"] {"city":"Paris"}',
    );
    expect(renderTemplate('a{{ null }}b{{ undefined }}c{{ true }}', scope)).toBe('abctrue');
    expect(renderTemplate('x {{ $json.age }}', scope)).toBe('x 31');
  });

  it('interpolates dates as ISO strings', () => {
    expect(renderTemplate('at {{ $d }}', { $d: new Date(Date.UTC(2024, 0, 2)) })).toBe('at 2024-01-02T00:00:00.000Z');
  });

  it('handles braces and }} inside the expression', () => {
    expect(renderTemplate('{{ {a: {b: 1}} }}', scope)).toEqual({ a: { b: 1 } });
    expect(renderTemplate('{{ "}}" }}', scope)).toBe('}}');
    expect(renderTemplate('[{{ `${"}}"}` }}]', scope)).toBe('[}}]');
    expect(renderTemplate('{{ {x: 1}.x }}{{2}}', scope)).toBe('12');
  });

  it('treats \\{{ as a literal {{', () => {
    expect(renderTemplate('Use \\{{ name }} in Handlebars, {{ $json.name }}', scope)).toBe('Use {{ name }} in Handlebars, Ann Lee');
  });

  it('reports an unclosed block as a syntax error', () => {
    expect(() => renderTemplate('Hello {{ $json.name', scope)).toThrow(expect.objectContaining({ code: 'EXPRESSION_SYNTAX' }));
    expect(() => renderTemplate('{{ }}', scope)).toThrow(/Empty expression/);
  });

  it('gives syntax errors a position inside the expression', () => {
    try {
      renderTemplate('abc {{ 1 + * 2 }}', scope);
      expect.unreachable();
    } catch (error) {
      const e = error as ExpressionError;
      expect(e.code).toBe('EXPRESSION_SYNTAX');
      expect(e.expression).toBe(' 1 + * 2 ');
      expect(e.position).toBe(5);
    }
  });

  it('caches parse results but stays correct per scope', () => {
    for (let i = 0; i < 5; i++) expect(renderTemplate('{{ $index * 2 }}', { ...scope, $index: i })).toBe(i * 2);
  });

  it('re-throws cached syntax errors every time', () => {
    expect(() => renderTemplate('{{ 1 + }}', scope)).toThrow(ExpressionError);
    expect(() => renderTemplate('{{ 1 + }}', scope)).toThrow(ExpressionError);
  });

  it('drops interpreter functions nested in results and refuses top-level ones', () => {
    expect(renderTemplate('{{ { f: x => x, n: 1 } }}', scope)).toEqual({ n: 1 });
    expect(renderTemplate('{{ [x => x, 1] }}', scope)).toEqual([undefined, 1]);
    expect(() => renderTemplate('{{ x => x }}', scope)).toThrow(/evaluated to a function/);
    expect(() => renderTemplate('{{ Math.round }}', scope)).toThrow(/evaluated to a function/);
    expect(() => renderTemplate('{{ "a".toUpperCase }}', scope)).toThrow(/evaluated to a function/);
    expect(() => renderTemplate('value: {{ $input.first }}', scope)).toThrow(/evaluated to a function/);
    expect(renderTemplate('{{ { r: /ab/g } }}', scope)).toEqual({ r: '/ab/g' });
  });

  it('does not mutate the scope', () => {
    const local = makeScope();
    const before = JSON.stringify(local);
    renderTemplate('{{ [$json.tags.sort(), $json.tags.reverse(), { ...$json, name: "x" }] }}', local);
    expect(JSON.stringify(local)).toBe(before);
  });
});

describe('resolveParams', () => {
  const params = {
    method: 'POST',
    url: 'https://api.example.com/users/{{ $json.name.toLowerCase().replace(" ", "-") }}',
    timeout: 30,
    body: { age: '{{ $json.age + 1 }}', tags: ['{{ $json.tags[0] }}', 'fixed'], nested: { deep: '{{ $json.address }}' } },
    headers: [
      { name: 'Authorization', value: 'Bearer {{ $run.id }}' },
      { name: 'X-Empty', value: '' },
    ],
    enabled: true,
    nothing: null,
  };

  it('resolves every string with {{ deeply and keeps other values', () => {
    expect(resolveParams(params, scope)).toEqual({
      method: 'POST',
      url: 'https://api.example.com/users/ann-lee',
      timeout: 30,
      body: { age: 32, tags: ['a', 'fixed'], nested: { deep: { city: 'Paris' } } },
      headers: [
        { name: 'Authorization', value: 'Bearer run_1' },
        { name: 'X-Empty', value: '' },
      ],
      enabled: true,
      nothing: null,
    });
  });

  it('returns new objects and never mutates the input', () => {
    const snapshot = structuredClone(params);
    const resolved = resolveParams(params, scope);
    expect(params).toEqual(snapshot);
    expect(resolved).not.toBe(params);
    expect(resolved.body).not.toBe(params.body);
  });

  it('sets the path of the failing parameter', () => {
    const bad = { headers: [{ name: 'a', value: 'ok' }, { name: 'b', value: '{{ $json.nope.x }}' }] };
    try {
      resolveParams(bad, scope);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as ExpressionError).path).toBe('headers.1.value');
      expect((error as ExpressionError).message).toContain('headers.1.value');
      expect((error as ExpressionError).code).toBe('EXPRESSION_RUNTIME');
    }
    expect(() => resolveParams({ a: { b: '{{ this }}' } }, scope)).toThrow(expect.objectContaining({ path: 'a.b', code: 'EXPRESSION_FORBIDDEN' }));
  });

  it('keeps keys named __proto__ as plain data without changing prototypes', () => {
    const input = JSON.parse('{"__proto__": {"polluted": "{{ 1 }}"}, "a": "{{ 2 }}"}') as Record<string, unknown>;
    const out = resolveParams(input, scope);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('shares one time budget across the whole value', () => {
    const heavy = Array.from({ length: 50 }, () => '{{ "x".repeat(2000).split("").map(a => "y".repeat(200).split("").map(b => a + b)).length }}');
    expect(() => resolveParams(heavy, scope, { timeoutMs: 20 })).toThrow(expect.objectContaining({ code: 'EXPRESSION_TIMEOUT' }));
  });
});

describe('validateExpression', () => {
  it('returns null for valid expressions and the error otherwise', () => {
    expect(validateExpression('$json.a.map(x => x * 2)')).toBeNull();
    expect(validateExpression('$json.a +')?.code).toBe('EXPRESSION_SYNTAX');
    expect(validateExpression('globalThis')?.code).toBe('EXPRESSION_FORBIDDEN');
  });
});

describe('validateTemplate', () => {
  it('lists the parse errors of every block without evaluating', () => {
    expect(validateTemplate('no blocks')).toEqual([]);
    expect(validateTemplate('{{ $json.missing.deep }} ok')).toEqual([]);
    const errors = validateTemplate('{{ 1 + }} and {{ this }} and {{ $json.a }}');
    expect(errors.map((e) => e.code)).toEqual(['EXPRESSION_SYNTAX', 'EXPRESSION_FORBIDDEN']);
    expect(errors[1]!.expression).toBe(' this ');
  });
});
