import { BenchContext } from '../bench-context';
import { SectionResult } from '../report/figures';
import { measureNativePaths } from '../native-forward/path-section';
import { measureRetarget } from '../native-forward/retarget-section';
import { measureNativeScale } from '../native-forward/scale-section';
import { guarded } from './guarded';

/**
 * Issue 10's figures, side by side: the native forwarder vs the kubectl forwarder vs plain `kubectl port-forward`
 * (data path), pods replaced under each, and 200 native services in one process. `--only native` runs this alone.
 * Each part is guarded on its own, so one that fails still leaves the others' figures.
 */
export async function runNativePhase(ctx: BenchContext): Promise<SectionResult[]> {
  let kubectlRssMb = Number.NaN;
  const paths = await guarded('Native forwarder (issue 10): data path', async () => {
    const r = await measureNativePaths(ctx);
    kubectlRssMb = r.kubectlRssMb;
    return r.section;
  }, ctx.log);
  const retarget = await guarded('Native forwarder (issue 10): pods replaced', () => measureRetarget(ctx), ctx.log);
  const scale = await guarded('Native forwarder (issue 10): 200 native services', () => measureNativeScale(ctx, kubectlRssMb), ctx.log);
  return [...paths, ...retarget, ...scale];
}
