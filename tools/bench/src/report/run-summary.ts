import { MachineInfo } from '../support/machine-info';
import { SectionResult } from './figures';

/** Everything the report is made from. */
export interface RunSummary {
  readonly command: string;
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly machine: MachineInfo | null;
  readonly sections: readonly SectionResult[];
  /** Cleanup problems and other run-level remarks. */
  readonly remarks: readonly string[];
}

/** Minutes and seconds, e.g. `12 min 03 s`. */
export const duration = (ms: number): string => `${Math.floor(ms / 60_000)} min ${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')} s`;
