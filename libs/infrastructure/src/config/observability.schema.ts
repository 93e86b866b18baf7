import { z } from 'zod';
import { numberIn, ObjectFactory, show } from './schema-primitives';

const UNITS: Readonly<Record<string, number>> = { b: 1, k: 1024, kb: 1000, kib: 1024, m: 1024 ** 2, mb: 1000 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1000 ** 3, gib: 1024 ** 3 };
const MIN_BYTES = 64 * 1024;
const MAX_BYTES = 10 * 1024 ** 3;

/** `10MiB`, `500 KB`, `1G`, or a bare number of MiB; 64 KiB to 10 GiB. */
const size = () =>
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    const m = typeof v === 'number' ? [String(v), String(v), 'mib'] : /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v);
    const unit = m ? UNITS[(m[2] || 'mib').toLowerCase()] : undefined;
    const bytes = m && unit ? Math.round(Number(m[1]) * unit) : NaN;
    if (!(bytes >= MIN_BYTES && bytes <= MAX_BYTES)) {
      ctx.addIssue({ code: 'custom', message: unit === undefined ? `${show(v)} is not a size (e.g. 10MiB, 500KB, 1G; a bare number is MiB)` : `${show(v)} is out of range (64KiB-10GiB)` });
      return z.NEVER;
    }
    return bytes;
  });

const AGE_UNITS: Readonly<Record<string, number>> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `3d`, `12h`, `2w`, or a bare number of days; 1 hour to 365 days. */
const age = () =>
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    const m = typeof v === 'number' ? [String(v), String(v), 'd'] : /^\s*(\d+(?:\.\d+)?)\s*([hdw]?)\s*$/i.exec(v);
    const ms = m ? Number(m[1]) * AGE_UNITS[(m[2] || 'd').toLowerCase()] : NaN;
    if (!(ms >= AGE_UNITS.h && ms <= 365 * AGE_UNITS.d)) {
      ctx.addIssue({ code: 'custom', message: m ? `${show(v)} is out of range (1h-365d)` : `${show(v)} is not an age (e.g. 3d, 12h, 2w; a bare number is days)` });
      return z.NEVER;
    }
    return ms;
  });

/** `defaults.logging`: rotation of the daemon log and the service logs. */
export const loggingSchema = (obj: ObjectFactory) =>
  obj({ max_size: size().optional(), max_files: numberIn(0, 100, { int: true }).optional(), max_age: age().optional() });

/** `metrics`: the Prometheus endpoint, off unless `listen` is set. */
export const metricsSchema = (obj: ObjectFactory) =>
  obj({
    listen: z.string().transform((v, ctx) => {
      const m = /^(?:\[([0-9a-f:]+)\]|([^:[\]]+)):(\d{1,5})$/i.exec(v.trim());
      const port = m ? Number(m[3]) : 0;
      if (!m || port < 1 || port > 65535) {
        ctx.addIssue({ code: 'custom', message: `${show(v)} is not host:port (e.g. 127.0.0.1:9464)` });
        return z.NEVER;
      }
      return { host: m[1] ?? m[2], port };
    }),
  });

/** Log rotation and metrics as the daemon uses them; unset fields keep each log's built-in default. */
export interface ObservabilitySettings {
  readonly logging: { readonly maxBytes?: number; readonly maxFiles?: number; readonly maxAgeMs?: number };
  readonly metrics: { readonly host: string; readonly port: number } | null;
}

type Parsed = { defaults?: { logging?: { max_size?: number; max_files?: number; max_age?: number } | null } | null; metrics?: { listen: { host: string; port: number } } | null };

/** Maps the validated file onto {@link ObservabilitySettings}. */
export function toObservability(data: Parsed): ObservabilitySettings {
  const l = data.defaults?.logging ?? {};
  return { logging: { maxBytes: l.max_size, maxFiles: l.max_files, maxAgeMs: l.max_age }, metrics: data.metrics?.listen ?? null };
}
