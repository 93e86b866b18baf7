/** Teardown steps run last-in first-out, each at most once, whatever happened before (errors are collected, not thrown). */
export class CleanupStack {
  private readonly steps: { what: string; run: () => unknown }[] = [];

  /** Registers a step; returns a function that runs it now (and removes it from the stack). */
  push(what: string, run: () => unknown): () => Promise<void> {
    const step = { what, run };
    this.steps.push(step);
    return async () => {
      const i = this.steps.indexOf(step);
      if (i < 0) return;
      this.steps.splice(i, 1);
      await run();
    };
  }

  /** Runs every remaining step, newest first; returns the failures as messages. */
  async runAll(): Promise<string[]> {
    const failures: string[] = [];
    while (this.steps.length > 0) {
      const step = this.steps.pop()!;
      try {
        await step.run();
      } catch (e) {
        failures.push(`${step.what}: ${(e as Error).message ?? String(e)}`);
      }
    }
    return failures;
  }
}
