/** Flags every command accepts. */
export interface GlobalOptions {
  readonly config?: string;
  readonly output: 'table' | 'json' | 'text' | 'yaml';
  readonly verbose: number;
  readonly quiet: boolean;
  readonly color: boolean;
  readonly debug: boolean;
}

export const OUTPUT_FORMATS = ['table', 'json', 'text', 'yaml'] as const;
