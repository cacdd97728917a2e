/**
 * TRAILING_WHITESPACE (checkpatch ERROR): an added line ends with spaces or tabs, or is nothing
 * but whitespace. Reported per line, the whitespace underlined; the fix removes it. A line that
 * ends with `\r` is DOS_LINE_ENDINGS instead, as in checkpatch.
 */
import type { TextRule } from '../types';
import { span } from '../../model/range';
import { forEachAddedLine, isTrailingBlank, trailingBlankStart } from './util';

export const trailingWhitespace: TextRule = {
  kind: 'text',
  id: 'TRAILING_WHITESPACE',
  severity: 'error',
  description: 'An added line has trailing whitespace.',
  doc: [
    'Added lines must not end with spaces or tabs (nor consist of whitespace only): the',
    'whitespace is invisible noise that `git am --whitespace=error` and maintainers reject.',
    'The quick fix removes it. Configure your editor to strip it, or run `git diff --check`.',
    '',
    'Source: checkpatch.pl `TRAILING_WHITESPACE`.',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: { checkpatch: 'TRAILING_WHITESPACE', level: 'ERROR' },
  check({ doc, msg, report }) {
    forEachAddedLine(msg, (line) => {
      // Most lines do not end with a blank: looked at without cutting them out.
      if (!isTrailingBlank(doc.lines.codeAt(line, doc.lines.lengthOf(line) - 1))) return;
      const raw = doc.lines.get(line) ?? '';
      if (raw.includes('\r')) return; // DOS_LINE_ENDINGS
      const at = trailingBlankStart(raw);
      if (at === raw.length || at === 0) return; // 0 would be the `+` itself: impossible
      const range = span(line, at, raw.length);
      report({
        message: 'trailing whitespace',
        range,
        fix: { title: 'Remove the trailing whitespace', edits: [{ range, newText: '' }], safety: 'safe' },
      });
    });
    return;
  },
};
