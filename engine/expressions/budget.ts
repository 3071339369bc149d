import { ExpressionErrorCode, ExpressionFault } from './errors.ts';
import { LIMITS } from './limits.ts';

/**
 * CPU budget of one evaluation call: a step counter (deterministic) and a wall-clock deadline
 * read every `clockCheckInterval` steps. Spending it throws `EXPRESSION_TIMEOUT`.
 */
export class Budget {
  steps = 0;
  private nextCheck: number;
  private readonly deadline: number;

  constructor(
    readonly timeoutMs: number = LIMITS.defaultTimeoutMs,
    private readonly maxSteps: number = LIMITS.maxSteps,
    private readonly now: () => number = performance.now.bind(performance),
  ) {
    this.deadline = this.now() + timeoutMs;
    this.nextCheck = LIMITS.clockCheckInterval;
  }

  tick(steps = 1): void {
    this.steps += steps;
    if (this.steps >= this.nextCheck) this.check();
  }

  private check(): void {
    if (this.steps > this.maxSteps) {
      throw new ExpressionFault(ExpressionErrorCode.Timeout, `Expression exceeded ${this.maxSteps} evaluation steps`);
    }
    if (this.now() > this.deadline) {
      throw new ExpressionFault(ExpressionErrorCode.Timeout, `Expression took longer than ${this.timeoutMs} ms`);
    }
    this.nextCheck = this.steps + LIMITS.clockCheckInterval;
  }
}
