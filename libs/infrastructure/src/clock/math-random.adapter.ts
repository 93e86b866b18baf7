import { Random } from '@localport/application';

/** Randomness from `Math.random` (jitter only; not for anything secret). */
export class MathRandom implements Random {
  next(): number {
    return Math.random();
  }
}
