/** BAD_HEADER (parser): a line inside the mail header block that is not a header. */
import { problemRule } from './problemRule';

export const badHeader = problemRule({
  id: 'BAD_HEADER',
  severity: 'warning',
  description: 'A line in the mail header block is not a "Name: value" header.',
  doc: [
    'A mail header block is `Name: value` lines, folded lines starting with whitespace, and a blank',
    'line at its end. A line that is neither, with more headers after it, is not a header: git',
    'mailinfo ends the headers there, and what follows becomes part of the commit message.',
    '',
    'Source: the parser (RFC 5322 header syntax, as git mailinfo reads it).',
  ].join('\n'),
});
