import pc from 'picocolors';

/** Prints what the demo does, step by step, in words a newcomer can follow. */
export class DemoReporter {
  private n = 0;

  constructor(private readonly total: number) {}

  /** A numbered step heading. */
  step(title: string): void {
    this.n++;
    process.stdout.write(`\n${pc.bold(pc.cyan(`==> [${this.n}/${this.total}] ${title}`))}\n`);
  }

  /** A detail line under the current step. */
  info(line: string): void {
    process.stdout.write(`    ${line}\n`);
  }

  /** The command about to run, as a person would type it. */
  command(line: string): void {
    process.stdout.write(`${pc.dim('$')} ${pc.bold(line)}\n`);
  }

  ok(line: string): void {
    process.stdout.write(`    ${pc.green('✓')} ${line}\n`);
  }

  warn(line: string): void {
    process.stdout.write(`    ${pc.yellow('!')} ${line}\n`);
  }

  /** The final verdict when something did not work: the reason, and where to look. */
  failed(reason: string, hints: readonly string[]): void {
    process.stderr.write(`\n${pc.bold(pc.red('demo failed:'))} ${reason}\n${hints.map((h) => `  ${h}\n`).join('')}`);
  }

  done(line: string): void {
    process.stdout.write(`\n${pc.bold(pc.green(line))}\n`);
  }
}

/** A demo step that did not work; its message is the reason shown to the user. */
export class DemoFailure extends Error {
  constructor(
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'DemoFailure';
  }
}
