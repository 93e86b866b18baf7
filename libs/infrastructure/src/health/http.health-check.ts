import { z } from 'zod';
import { DEFAULT_HTTP_STATUSES, HttpCheck } from '@localport/domain';
import { flag, numberIn, ObjectFactory, oneOf, scalarText, show, text } from '../config/schema-primitives';
import { checkTimeout, compact, HealthCheckModule } from './health-check-module';

const isHttpUrl = (v: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};
const statusCode = () => numberIn(100, 599, { int: true, what: 'an HTTP status' });
const statusList = () => z.union([statusCode(), z.array(statusCode()).min(1)], { error: (iss) => `${show(iss.input)} is not a status code or a list of them` });

const httpConfigSchema = (obj: ObjectFactory) =>
  obj({
    url: z.string().refine(isHttpUrl, { error: (iss) => `${show(iss.input)} is not an http(s) URL` }).optional(),
    scheme: oneOf(['http', 'https']).optional(),
    method: z.preprocess((v) => (typeof v === 'string' ? v.toUpperCase() : v), z.enum(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS'])).optional(),
    path: z.string().startsWith('/', { error: (iss) => `${show(iss.input)} must start with /` }).optional(),
    expected_status_codes: statusList().optional(),
    /** The name LocalPort's docs use (the code reads `expected_status_codes`); both are accepted. */
    expected_status: statusList().optional(),
    expected_content: text().optional(),
    headers: z.record(z.string(), scalarText()).nullish(),
    verify_ssl: flag().optional(),
    timeout: checkTimeout(),
  });

/** `type: http` (or `https`, http over TLS): a request whose status, and body if asked, must be as expected. */
export const httpHealthCheck: HealthCheckModule<HttpCheck, z.output<ReturnType<typeof httpConfigSchema>>> = {
  name: 'http',
  aliases: ['https'],
  configSchema: httpConfigSchema,
  toSpec: (c, timing, written) => {
    const url = c.url ? new URL(c.url) : undefined;
    const scheme = c.scheme ?? (url ? (url.protocol.slice(0, -1) as 'http' | 'https') : written === 'https' ? 'https' : 'http');
    const statuses = c.expected_status_codes ?? c.expected_status ?? DEFAULT_HTTP_STATUSES;
    return compact({
      type: 'http',
      ...timing,
      url: c.url,
      scheme,
      path: c.path ?? (url ? `${url.pathname}${url.search}` : '/health'),
      method: c.method ?? 'GET',
      expectedStatus: typeof statuses === 'number' ? [statuses] : [...statuses],
      expectedContent: c.expected_content,
      headers: { ...(c.headers ?? {}) },
      verifyTls: c.verify_ssl ?? true,
    });
  },
  render: (h) =>
    compact({
      url: h.url,
      scheme: h.scheme,
      path: h.path,
      method: h.method,
      expected_status_codes: [...h.expectedStatus],
      expected_content: h.expectedContent,
      headers: Object.keys(h.headers).length ? { ...h.headers } : undefined,
      verify_ssl: h.verifyTls,
    }),
  loadProber: () => import('./http-health-prober.adapter.js').then((m) => new m.HttpHealthProber()),
};
