import { ConfigDocument } from './config-document';
import { ProblemCollector } from './config-problems';
import { substituteValues } from './env-substitution';

/**
 * Stage 3, substitute values: `${VAR}` into the document's scalar values (never its text). An unset variable
 * is an error on its line, and later errors on that line are muted (they would be about the literal left behind).
 * With `unsetVariables: 'keep'` the value keeps `${VAR}` as written and the problem is a warning, unless the file fails anyway.
 */
export function substituteStage(doc: ConfigDocument, env: NodeJS.ProcessEnv, problems: ProblemCollector, unsetVariables: 'error' | 'keep' = 'error'): void {
  const { substitutions, unset } = substituteValues(doc.doc, doc.variables, env);
  doc.recordSubstitutions(substitutions);
  for (const u of unset) {
    const line = doc.lineAt(u.sourceOffset);
    const message = `environment variable ${u.variable} is not set (write \${${u.variable}:default} to give a default)`;
    if (unsetVariables === 'keep') problems.errorIfInvalid(line, message);
    else problems.errorAtLine(line, message);
    problems.mute(line);
  }
}
