/**
 * LONE_CR_LINE_ENDINGS (parser): the lines end in a carriage return alone (classic Mac OS). git,
 * git am and patch split lines at LF only: to them the whole file is one line. No other check
 * runs on such a file: every finding would be about that one line.
 */
import { problemRule } from './problemRule';

export const loneCrLineEndings = problemRule({
  id: 'LONE_CR_LINE_ENDINGS',
  severity: 'error',
  description: 'The lines end in a lone CR: git and patch read the file as one line.',
  doc: [
    'The file separates its lines with a carriage return alone (`\\r`, classic Mac OS line',
    'endings). git, `git am`, `git apply` and patch end lines at LF (`\\n`) only, so to them the',
    'file is a single line and not a patch. Convert the line endings to LF (`tr "\\r" "\\n"`, or',
    'the editor\'s end-of-line setting). No other check runs until then.',
  ].join('\n'),
});
