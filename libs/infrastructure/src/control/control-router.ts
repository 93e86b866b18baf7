import { ControlContext } from './control-connection';
import { ControlMethod, ControlParams, ControlResults } from './control-methods';
import { ControlHandler } from './control-server';
import { CONTROL_ERROR_CODES as C, ControlError } from './control.errors';

/** One typed function per control method. */
export type ControlHandlers = { [M in ControlMethod]: (params: ControlParams<M>, ctx: ControlContext) => Promise<ControlResults[M]> };

/** Builds a server handler from per-method functions; a method left out fails with CONTROL.UNKNOWN_METHOD. */
export function routeControl(handlers: Partial<ControlHandlers>): ControlHandler {
  return async (method, params, ctx) => {
    const handle = handlers[method] as ((p: typeof params, c: ControlContext) => Promise<unknown>) | undefined;
    if (!handle) throw new ControlError(C.unknownMethod, `this daemon does not serve '${method}'`);
    return handle(params, ctx);
  };
}
