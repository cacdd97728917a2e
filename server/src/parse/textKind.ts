/**
 * What a file's text is read as: patch mails (the default), a bare commit message
 * (COMMIT_EDITMSG and friends) or a series' cover letter text (`*.cover`).
 */
import type { ParseOptions } from '../model/types';
import { isCommitMessageFileName } from './commitMessage';
import { isCoverTextFileName } from './coverText';

export type TextKind = 'mail' | 'commit-message' | 'cover-text';

/** The kind a file name implies ('mail' when it implies none). */
export function textKindOfFileName(baseName: string): TextKind {
  if (baseName === '') return 'mail';
  if (isCommitMessageFileName(baseName)) return 'commit-message';
  if (isCoverTextFileName(baseName)) return 'cover-text';
  return 'mail';
}

export function parseOptionsFor(kind: TextKind): ParseOptions {
  if (kind === 'commit-message') return { commitMessage: true };
  if (kind === 'cover-text') return { coverText: true };
  return {};
}
