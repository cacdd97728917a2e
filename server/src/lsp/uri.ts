/** `file:` URIs and paths, and which documents patchsmith handles. */
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isCommitMessageFileName } from '../parse/commitMessage';
import { isCoverTextFileName } from '../parse/coverText';
import type { TextKind } from '../parse/textKind';

/** The file system path of a `file:` URI; null for other schemes (untitled, virtual). */
export function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}

/** File name extensions of patch mails, whatever language id an editor gives them. */
export const PATCH_EXTENSIONS: readonly string[] = ['.patch', '.mbox', '.eml'];

function baseName(uri: string): string {
  const p = uriToPath(uri) ?? uri;
  return path.basename(p);
}

/** A bare commit message: git-commit language or git's COMMIT_EDITMSG and friends (any editor). */
export function isCommitMessageDocument(uri: string, languageId: string): boolean {
  return languageId === 'git-commit' || languageId === 'gitcommit' || isCommitMessageFileName(baseName(uri));
}

/** A series' cover letter text (`*.cover`: `series cover --edit`, VS Code's Edit Cover Letter), whatever its language id. */
export function isCoverTextDocument(uri: string): boolean {
  return isCoverTextFileName(baseName(uri));
}

/** What an open document's text is read as. */
export function documentTextKind(uri: string, languageId: string): TextKind {
  if (isCommitMessageDocument(uri, languageId)) return 'commit-message';
  if (isCoverTextDocument(uri)) return 'cover-text';
  return 'mail';
}

/** Whether patchsmith checks this document. */
export function isHandledDocument(uri: string, languageId: string): boolean {
  // Neovim names `git send-email`'s compose buffer `gitsendemail`.
  if (languageId === 'git-patch' || languageId === 'gitsendemail' || isCommitMessageDocument(uri, languageId) || isCoverTextDocument(uri)) return true;
  const ext = path.extname(baseName(uri)).toLowerCase();
  return PATCH_EXTENSIONS.includes(ext);
}

export function isPatchFileName(name: string): boolean {
  return PATCH_EXTENSIONS.includes(path.extname(name).toLowerCase());
}
