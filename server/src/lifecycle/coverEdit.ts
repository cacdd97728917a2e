/** Editing the cover letter in the user's editor (git's GIT_EDITOR: core.editor, $VISUAL, $EDITOR). */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { git, SeriesError } from './git';
import { gitEnv } from '../git/exec';

/**
 * Opens `text` in the editor; resolves to the edited text. The file is `<name>.cover` in the
 * repository's git directory (as git's COMMIT_EDITMSG), so an editor running patchsmith's
 * language server checks it as this repository's cover letter text.
 */
export async function editText(cwd: string, text: string, name = 'COVER_LETTER'): Promise<string> {
  const editor = (await git(cwd, ['var', 'GIT_EDITOR'])).trim();
  const gitDir = (await git(cwd, ['rev-parse', '--absolute-git-dir']).catch(() => '')).trim();
  const dir = await fs.mkdtemp(path.join(gitDir || os.tmpdir(), 'patchsmith-cover-'));
  const file = path.join(dir, `${name.replace(/[^A-Za-z0-9._-]+/g, '_')}.cover`);
  try {
    await fs.writeFile(file, text);
    // As git runs it: through the shell, so `code --wait` and `vim -f` work.
    const env = { ...gitEnv(), LC_ALL: process.env['LC_ALL'] ?? '', LANGUAGE: process.env['LANGUAGE'] ?? '' };
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn('sh', ['-c', `${editor} "$@"`, editor, file], { cwd, stdio: 'inherit', env });
      child.on('error', reject);
      child.on('exit', (c) => resolve(c));
    });
    if (code !== 0) throw new SeriesError(`the editor '${editor}' exited with status ${code}; the cover letter is unchanged`);
    return await fs.readFile(file, 'utf8');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
