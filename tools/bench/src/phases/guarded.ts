import { newSection, SectionResult } from '../report/figures';

/** Runs one measurement; if it throws, the report gets a section saying what failed instead of the whole run ending. */
export async function guarded(title: string, run: () => Promise<SectionResult | SectionResult[]>, log: (line: string) => void): Promise<SectionResult[]> {
  try {
    const r = await run();
    return Array.isArray(r) ? r : [r];
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    log(`FAILED: ${title}: ${message}`);
    const failed = newSection(title);
    failed.failure = message;
    return [failed];
  }
}
