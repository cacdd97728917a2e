/**
 * PARSE_FAILURE (parser): patchsmith could not parse a message (a bug in patchsmith, not in the
 * patch). `check` exits 2 on it, naming the file: a message it could not read is never a pass.
 */
import { problemRule } from './problemRule';

export const parseFailure = problemRule({
  id: 'PARSE_FAILURE',
  severity: 'error',
  description: 'patchsmith could not parse this message (an internal error).',
  doc: [
    'The parser failed on this message, so none of its checks ran. This is a bug in patchsmith:',
    'please report it with the patch. `patchsmith check` exits with status 2 and names the file.',
  ].join('\n'),
});
