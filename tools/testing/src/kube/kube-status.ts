/** A JSON reply from the fake API server. */
export interface KubeReply {
  status: number;
  body: string;
  contentType: string;
}

const REASONS: Record<number, string> = {
  400: 'BadRequest',
  404: 'NotFound',
  401: 'Unauthorized',
  405: 'MethodNotAllowed',
  500: 'InternalError',
};

/** A JSON reply with status 200 unless given. */
export const jsonReply = (body: unknown, status = 200): KubeReply => ({ status, body: JSON.stringify(body), contentType: 'application/json' });

/** A plain-text reply (health endpoints). */
export const textReply = (body: string, status = 200): KubeReply => ({ status, body, contentType: 'text/plain; charset=utf-8' });

/** A meta/v1 Status failure, the body Kubernetes sends with every error. */
export function statusReply(code: number, message: string, details?: { name?: string; kind?: string; group?: string }): KubeReply {
  return jsonReply(
    {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason: REASONS[code] ?? 'Unknown',
      ...(details ? { details } : {}),
      code,
    },
    code,
  );
}

/** The `<plural> "<name>" not found` 404 kubectl prints as `Error from server (NotFound)`. */
export const notFoundReply = (plural: string, name: string, group = ''): KubeReply =>
  statusReply(404, `${plural}${group ? `.${group}` : ''} "${name}" not found`, { name, kind: plural, ...(group ? { group } : {}) });
