/**
 * `git format-patch` of a series into `<out>/v<N>/`: the cover letter from the branch
 * description (subject line first), `--base`, `-v N`, shallow threading to the cover letter,
 * the prefixes, b4's `change-id:` line, and To/Cc from MAINTAINERS, the trailers and the cover.
 * git writes into a temporary folder beside the target, which then replaces `v<N>/` whole.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { loadMaintainers } from '../maintainers/maintainers';
import { parsePatch } from '../parse/parsePatch';
import type { PatchMessage } from '../model/types';
import { git, gitMaybe, revParse, SeriesError } from './git';
import { addChangeId, coverParts } from './cover';
import { subjectPrefix, type SeriesMeta } from './model';
import { collectRecipients, formatAddress, type Recipients } from './recipients';

export interface Identity {
  name: string;
  email: string;
}

export interface FormattedMessage {
  file: string;
  text: string;
  message: PatchMessage;
  subject: string;
  /** Without angle brackets. */
  messageId: string;
}

export interface FormatResult {
  dir: string;
  base: string;
  tip: string;
  commits: string[];
  /** The cover letter first, then the patches. */
  messages: FormattedMessage[];
  recipients: Recipients;
}

/** The sender: sendemail.from when set, else the committer identity. */
export async function senderIdentity(cwd: string): Promise<Identity> {
  const from = (await gitMaybe(cwd, ['config', '--get', 'sendemail.from']))?.trim();
  const text = from || (await git(cwd, ['var', 'GIT_COMMITTER_IDENT'])).trim();
  const m = /^(.*?)\s*<([^>]*)>/.exec(text);
  if (!m) return { name: '', email: text };
  return { name: m[1]!.replace(/^"(.*)"$/, '$1'), email: m[2]! };
}

/**
 * The base commit of the series: the fork point of the branch from its base branch (`git
 * merge-base --fork-point`, as b4 does), else their merge-base.
 */
export async function resolveBase(cwd: string, meta: SeriesMeta): Promise<string> {
  const tip = await revParse(cwd, `refs/heads/${meta.branch}`);
  if (!tip) throw new SeriesError(`branch '${meta.branch}' does not exist`);
  if (!meta.baseBranch) throw new SeriesError(`series '${meta.branch}' has no base; run 'patchsmith series start --base REF'`);
  const fork = await gitMaybe(cwd, ['merge-base', '--fork-point', meta.baseBranch, tip]);
  if (fork && fork.trim()) return fork.trim();
  const mb = await gitMaybe(cwd, ['merge-base', meta.baseBranch, tip]);
  if (mb && mb.trim()) return mb.trim();
  throw new SeriesError(`'${meta.baseBranch}' and '${meta.branch}' have no common ancestor`);
}

/** The commits of the series, oldest first. */
export async function seriesCommits(cwd: string, base: string, tip: string): Promise<string[]> {
  return (await git(cwd, ['rev-list', '--reverse', `${base}..${tip}`])).split('\n').filter(Boolean);
}

function messageIdOf(text: string): string {
  const m = /^Message-Id:\s*<([^>\s]+)>/im.exec(text);
  return m ? m[1]! : '';
}

async function runFormatPatch(cwd: string, meta: SeriesMeta, base: string, dir: string, cover: string, recipients: Recipients | null): Promise<string[]> {
  const args = [
    '-c',
    `branch.${meta.branch}.description=${cover}`,
    'format-patch',
    '--cover-letter',
    '--cover-from-description=subject',
    `--base=${base}`,
    '--thread=shallow',
    `--subject-prefix=${subjectPrefix(meta.prefixes)}`,
    '-o',
    dir,
  ];
  if (meta.revision > 1) args.push('-v', String(meta.revision));
  for (const r of recipients?.to ?? []) args.push(`--to=${formatAddress(r)}`);
  for (const r of recipients?.cc ?? []) args.push(`--cc=${formatAddress(r)}`);
  args.push(`${base}..${meta.branch}`);
  const out = await git(cwd, args);
  return out.split('\n').filter(Boolean).map((f) => path.resolve(cwd, f));
}

async function readMessages(files: readonly string[]): Promise<FormattedMessage[]> {
  return Promise.all(
    files.map(async (file) => {
      const text = await fs.readFile(file, 'utf8');
      const message = parsePatch(text).messages[0];
      if (!message) throw new SeriesError(`git format-patch wrote '${file}', which is not a patch mail`);
      return { file, text, message, subject: message.subject?.raw ?? '', messageId: messageIdOf(text) };
    }),
  );
}

export interface FormatOptions {
  /** The folder the `v<N>` folder goes into (default `<repo>/outgoing`). */
  outDir: string;
  /** Send to these instead of the computed recipients (`--to-self`). */
  recipients?: Recipients;
}

export async function formatSeries(cwd: string, meta: SeriesMeta, options: FormatOptions): Promise<FormatResult> {
  const base = await resolveBase(cwd, meta);
  const tip = (await revParse(cwd, `refs/heads/${meta.branch}`))!;
  const commits = await seriesCommits(cwd, base, tip);
  if (commits.length === 0) throw new SeriesError(`branch '${meta.branch}' has no commits on top of ${meta.baseBranch}`);
  const cover = coverParts(meta.cover);

  await fs.mkdir(options.outDir, { recursive: true });
  const final = path.join(options.outDir, `v${meta.revision}`);
  const tmp = await fs.mkdtemp(path.join(options.outDir, `.v${meta.revision}-`));
  try {
    let recipients = options.recipients;
    if (!recipients) {
      // First without recipients, to match the patches against MAINTAINERS.
      const draft = await readMessages(await runFormatPatch(cwd, meta, base, tmp, cover.text, null));
      const root = (await git(cwd, ['rev-parse', '--show-toplevel'])).trim();
      recipients = collectRecipients({
        maintainers: await loadMaintainers(root),
        patches: draft.slice(1).map((m) => ({ message: m.message, text: m.text })),
        coverTo: cover.to,
        coverCc: cover.cc,
        self: (await senderIdentity(cwd)).email,
      });
      for (const m of draft) await fs.rm(m.file);
    }
    const files = await runFormatPatch(cwd, meta, base, tmp, cover.text, recipients);
    const coverFile = files[0]!;
    const coverText = await fs.readFile(coverFile, 'utf8');
    const withId = addChangeId(coverText, meta.changeId);
    if (withId !== coverText) {
      await fs.writeFile(`${coverFile}.tmp`, withId);
      await fs.rename(`${coverFile}.tmp`, coverFile);
    }
    await fs.rm(final, { recursive: true, force: true });
    await fs.rename(tmp, final);
    const moved = files.map((f) => path.join(final, path.basename(f)));
    return { dir: final, base, tip, commits, messages: await readMessages(moved), recipients };
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
}
