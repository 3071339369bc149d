/**
 * Micro-benchmark of the evaluator: `npx tsx engine/expressions/benchmark.ts`.
 * Prints evaluations per second for typical templates (parse caches warm).
 */
import { renderTemplate, resolveParams } from '../../engine/expressions/index.ts';
import { makeScope } from '../../engine/expressions/test-scope.ts';

const scope = makeScope();
const cases: Array<[string, () => unknown]> = [
  ['{{ $json.name }}', () => renderTemplate('{{ $json.name }}', scope)],
  ['3 blocks in text', () => renderTemplate('Hi {{ $json.name }}, {{ $json.age }} from {{ $json.address.city }}', scope)],
  ['arrow map/filter/join', () => renderTemplate('{{ $input.all().filter(i => i.json.age > 18).map(i => i.json.name).join(", ") }}', scope)],
  ['regexp replace', () => renderTemplate('{{ $json.email.replace(/@.*$/, "") }}', scope)],
  ['$date.format with zone', () => renderTemplate('{{ $date.format($now, "yyyy-MM-dd HH:mm", "Europe/Paris") }}', scope)],
  ['resolveParams (5 strings)', () =>
    resolveParams({ url: 'https://x/{{ $json.name }}', q: { a: '{{ $index }}', b: 'static' }, h: [{ v: '{{ $run.id }}' }, { v: '{{ $json.age + 1 }}' }], t: '{{ $json.tags }}' }, scope)],
  ['no expression (fast path)', () => renderTemplate('plain text value', scope)],
];

function measure(run: () => unknown): number {
  for (let i = 0; i < 20_000; i++) run();
  let iterations = 0;
  const started = performance.now();
  while (performance.now() - started < 500) {
    for (let i = 0; i < 1_000; i++) run();
    iterations += 1_000;
  }
  return iterations / ((performance.now() - started) / 1000);
}

const rows = cases.map(([name, run]) => {
  const perSecond = measure(run);
  return { case: name, 'evals/s': Math.round(perSecond).toLocaleString('en-US'), 'µs/eval': (1e6 / perSecond).toFixed(2) };
});
console.table(rows);
