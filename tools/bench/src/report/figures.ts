/** PASS/MISS against a target; INFO for a figure without one. */
export type Verdict = 'PASS' | 'MISS' | 'INFO';

/** One reported number: what it is, its value, its spread, and its target with the verdict. */
export interface Figure {
  /** Stable key; the notes on misses (miss-notes.ts) are keyed by it. */
  readonly id: string;
  readonly what: string;
  readonly value: string;
  readonly spread: string;
  readonly target: string;
  readonly verdict: Verdict;
}

/** One measurement's figures plus the plain facts that go with them (sizes, counts, anomalies). */
export interface SectionResult {
  readonly title: string;
  readonly figures: Figure[];
  readonly facts: string[];
  /** Set when the measurement could not finish; its figures are then partial. */
  failure?: string;
}

export const newSection = (title: string): SectionResult => ({ title, figures: [], facts: [] });

/** A figure with no target. */
export const info = (id: string, what: string, value: string, spread = ''): Figure => ({ id, what, value, spread, target: '', verdict: 'INFO' });

/** A figure judged against a target. */
export const judged = (id: string, what: string, value: string, spread: string, target: string, pass: boolean): Figure => ({ id, what, value, spread, target, verdict: pass ? 'PASS' : 'MISS' });

/** Number formatting used throughout the report. */
export const fmt = {
  ms: (ms: number) => (Number.isFinite(ms) ? (ms >= 100 ? `${Math.round(ms)} ms` : `${ms.toFixed(ms >= 10 ? 1 : 2)} ms`) : 'n/a'),
  s: (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a'),
  mbps: (x: number) => (Number.isFinite(x) ? `${x.toFixed(x >= 100 ? 0 : 1)} MB/s` : 'n/a'),
  ratio: (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : 'n/a'),
  mb: (kb: number) => `${(kb / 1024).toFixed(1)} MB`,
  pct: (x: number) => `${x.toFixed(2)} %`,
  range: (lo: string, hi: string) => `${lo} – ${hi}`,
};
