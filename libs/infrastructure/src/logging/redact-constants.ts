/** Field names whose values are never written to a log. */
export const SECRET_KEY_PATTERN = /pass(word)?|secret|token|authorization|api[-_]?key|private[-_]?key/i;

/** What replaces a secret. */
export const REDACTED = '***';
