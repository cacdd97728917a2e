/**
 * Rules about commit-message body (RULES.md B). Each rule lives in its own module in this folder;
 * import it here and append it to the array. The registry (../registry.ts) collects this array.
 */
import type { TextRule } from '../types';
import { commitMessage } from './commitMessage';
import { commitLogLongLine } from './commitLogLongLine';
import { gitCommitId } from './gitCommitId';
import { diffInCommitMsg } from './diffInCommitMsg';
import { commitCommentSymbol } from './commitCommentSymbol';
import { commitLogVersioning } from './commitLogVersioning';
import { commitLogUseLink } from './commitLogUseLink';
import { commitLogWrongLink } from './commitLogWrongLink';
import { preferLoreArchive } from './preferLoreArchive';
import { missingFixesTag } from './missingFixesTag';
import { gerritChangeId } from './gerritChangeId';
import { changelogAboveSeparator } from './changelogAboveSeparator';
import { typoSpelling } from './typoSpelling';
import { repeatedWord } from './repeatedWord';

export const commitlogRules: TextRule[] = [
  commitMessage,
  commitLogLongLine,
  gitCommitId,
  diffInCommitMsg,
  commitCommentSymbol,
  commitLogVersioning,
  commitLogUseLink,
  commitLogWrongLink,
  preferLoreArchive,
  missingFixesTag,
  gerritChangeId,
  changelogAboveSeparator,
  typoSpelling,
  repeatedWord,
];
