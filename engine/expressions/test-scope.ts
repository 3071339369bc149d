/** A scope shaped like the one the executor builds, for tests. */
export function makeScope(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const items = [
    { json: { name: 'Ann Lee', email: 'Ann@Example.COM', age: 31, tags: ['a', 'b'], address: { city: 'Paris' } } },
    { json: { name: 'Bob', email: 'bob@test.org', age: 17, tags: [], address: null } },
    { json: { name: 'Cy', email: 'cy@test.org', age: 45, tags: ['c'], address: { city: 'Oslo' } } },
  ];
  const fetched = [{ json: { x: 42, list: [3, 1, 2], user: { id: 'u1' } } }, { json: { x: 7, list: [], user: { id: 'u2' } } }];
  const nodeOutput = (out: typeof fetched) => ({
    json: out[0]!.json,
    all: () => out,
    first: () => out[0],
    item: (i: number) => out[i],
  });
  return {
    $json: items[0]!.json,
    $item: items[0],
    $index: 0,
    $input: { all: () => items, first: () => items[0], item: items[0] },
    $node: { Fetch: nodeOutput(fetched), 'Get Users': nodeOutput([{ json: { x: 1, list: [9], user: { id: 'g' } } }]) },
    $run: { id: 'run_1', mode: 'manual' },
    $workflow: { id: 'wf_1', name: 'Demo' },
    $now: Date.UTC(2024, 4, 31, 22, 30, 15, 250),
    ...overrides,
  };
}
