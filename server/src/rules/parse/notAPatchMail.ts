/**
 * NOT_A_PATCH_MAIL (parser): the text has no mail headers, no diff, no diffstat and no trailers:
 * it is not a patch mail, nor recognisably a commit message. One finding replaces the many
 * unrelated ones the rules would give (no subject, no sign-off, no diff, ...).
 */
import { problemRule } from './problemRule';

export const notAPatchMail = problemRule({
  id: 'NOT_A_PATCH_MAIL',
  severity: 'error',
  description: 'The text is not a patch mail: no mail headers, no diff, no trailers.',
  doc: [
    'patchsmith checks patches as `git format-patch` writes them (mail headers, the commit message,',
    '`---`, the diff) and bare commit messages. This text has none of their parts: no `From:` or',
    '`Subject:` header, no diff and no trailer such as `Signed-off-by:`. No other check runs on it.',
    '',
    'A commit message without trailers is checked as one when the file is `COMMIT_EDITMSG` (or the',
    'editor calls it a git commit), or with `patchsmith check --commit-message`.',
  ].join('\n'),
});
