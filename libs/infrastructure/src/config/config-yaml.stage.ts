import { ConfigDocument } from './config-document';
import { ProblemCollector } from './config-problems';

/** Stage 2, parse: the YAML document of the file's text; syntax errors go to `problems` with their lines. */
export function parseYaml(text: string, problems: ProblemCollector): ConfigDocument {
  const doc = ConfigDocument.parse(text);
  problems.useDocument(doc);
  for (const e of doc.doc.errors) {
    const message = e.code === 'MULTIPLE_DOCS' ? 'the file holds more than one YAML document (---); LocalPort reads exactly one' : e.message.split('\n')[0];
    problems.errorAtLine(doc.lineAt(e.pos[0]), `YAML syntax error: ${message}`);
  }
  return doc;
}
