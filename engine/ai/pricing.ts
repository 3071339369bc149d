/**
 * List prices in USD per million tokens (input, output) for common models, for cost estimates
 * only. Longest prefix wins, so dated snapshots ("gpt-4o-mini-2024-07-18") match their family.
 * A credential can set its own prices for models not listed here (local models cost nothing).
 */
const PRICES: readonly (readonly [prefix: string, input: number, output: number])[] = [
  ['gpt-4o-mini', 0.15, 0.6],
  ['gpt-4o', 2.5, 10],
  ['gpt-4.1-nano', 0.1, 0.4],
  ['gpt-4.1-mini', 0.4, 1.6],
  ['gpt-4.1', 2, 8],
  ['gpt-5-nano', 0.05, 0.4],
  ['gpt-5-mini', 0.25, 2],
  ['gpt-5', 1.25, 10],
  ['o4-mini', 1.1, 4.4],
  ['o3', 2, 8],
  ['gpt-3.5-turbo', 0.5, 1.5],
];

export interface PriceOverride {
  inputPricePerMillion?: string | undefined;
  outputPricePerMillion?: string | undefined;
}

/** Estimated cost in USD, or null when the model's price is unknown. */
export function estimateCostUsd(model: string, promptTokens: number, completionTokens: number, override: PriceOverride = {}): number | null {
  let input: number | undefined;
  let output: number | undefined;
  if (override.inputPricePerMillion !== undefined && override.outputPricePerMillion !== undefined) {
    input = Number(override.inputPricePerMillion);
    output = Number(override.outputPricePerMillion);
  } else {
    let best = '';
    for (const [prefix, i, o] of PRICES) {
      if (model.startsWith(prefix) && prefix.length > best.length) {
        best = prefix;
        input = i;
        output = o;
      }
    }
  }
  if (input === undefined || output === undefined || !Number.isFinite(input) || !Number.isFinite(output)) return null;
  // Rounded to a millionth of a dollar so sums stay readable.
  return Math.round(((promptTokens * input + completionTokens * output) / 1_000_000) * 1e6) / 1e6;
}
