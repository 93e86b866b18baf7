import { z } from 'zod';

/** The control protocol's version; every message carries it as `v`. */
export const PROTOCOL_VERSION = 1;

/** Longest request line the daemon accepts. */
export const MAX_REQUEST_LINE_BYTES = 1024 * 1024;

/** Bytes of an oversized request line the daemon skips before it closes the connection instead. */
export const MAX_SKIPPED_LINE_BYTES = 4 * 1024 * 1024;

/** Longest reply or event line a client accepts. */
export const MAX_REPLY_LINE_BYTES = 32 * 1024 * 1024;

const v = z.literal(PROTOCOL_VERSION);
const id = z.string().min(1).max(128);
const jsonObject = z.record(z.string(), z.unknown());

/** `{v:1, id, method, params}`; params may be omitted for `{}`. */
export const requestEnvelopeSchema = z.strictObject({
  v,
  id,
  method: z.string().min(1).max(64),
  params: jsonObject.optional(),
});
export type RequestEnvelope = z.infer<typeof requestEnvelopeSchema>;

const wireErrorSchema = z.strictObject({ code: z.string().min(1), message: z.string(), details: z.unknown().optional() });

/** `{v:1, id, ok:true, result}` or `{v:1, id, ok:false, error}`; id is null when the request had none readable. */
export const replyEnvelopeSchema = z.discriminatedUnion('ok', [
  z.strictObject({ v, id: id.nullable(), ok: z.literal(true), result: z.unknown() }),
  z.strictObject({ v, id: id.nullable(), ok: z.literal(false), error: wireErrorSchema }),
]);
export type ReplyEnvelope = z.infer<typeof replyEnvelopeSchema>;

/** `{v:1, event, data, at}`: pushed by the daemon on a subscribed connection. */
export const eventEnvelopeSchema = z.strictObject({
  v,
  event: z.string().min(1).max(128),
  data: jsonObject,
  at: z.iso.datetime(),
});
export type ControlEvent = z.infer<typeof eventEnvelopeSchema>;

/** zod issues reduced to what crosses the wire (at most 20). */
export function issuesOf(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}
