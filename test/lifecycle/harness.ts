/**
 * For the series tests: a real git repository with a MAINTAINERS file, a base and a branch of
 * patches; the bundled CLI run as a process in it; a real SMTP server on 127.0.0.1 (the
 * smtp-server package) receiving what git send-email sends; reply mails built as raw RFC 5322
 * messages (quoted-printable bodies, RFC 2047 names) written to an mbox.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { commit, git, makeRepo, testGitEnv } from '../helpers/gitRepo';

export const repoRoot = path.resolve(__dirname, '../../..');

export const MAINTAINERS = `List of maintainers

FOO DRIVER
M:\tMai Ntainer <mai@example.org>
R:\tRev Iewer <rev@example.org>
L:\tfoo-list@vger.example.org
S:\tMaintained
F:\tdrivers/foo/

BAR LIBRARY
M:\tBar Boss <bar@example.org>
L:\tbar-list@lists.example.org
S:\tSupported
F:\tlib/bar.c
`;

export interface Received {
  rcptTo: string[];
  raw: string;
  headers: Map<string, string>;
  body: string;
}

export interface Smtp {
  port: number;
  received: Received[];
  close(): Promise<void>;
}

function parseReceived(raw: string, rcptTo: string[]): Received {
  const text = raw.replace(/\r\n/g, '\n');
  const cut = text.indexOf('\n\n');
  const headers = new Map<string, string>();
  let last = '';
  for (const line of text.slice(0, cut).split('\n')) {
    if (/^\s/.test(line) && last) headers.set(last, `${headers.get(last)} ${line.trim()}`);
    else {
      const i = line.indexOf(':');
      last = line.slice(0, i).toLowerCase();
      headers.set(last, line.slice(i + 1).trim());
    }
  }
  return { rcptTo, raw: text, headers, body: text.slice(cut + 2) };
}

export async function startSmtp(): Promise<Smtp> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(parseReceived(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The bundled CLI in `cwd`, with the test git environment (no global config) and HOME there. */
export function runCli(cli: string, cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...testGitEnv(), HOME: cwd, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A repository with MAINTAINERS on main and a branch `feat` of three patches (one already reviewed). */
export async function seriesRepo(): Promise<string> {
  const dir = await makeRepo({
    user: { name: 'Ann Dev', email: 'ann@example.org' },
    prefix: 'patchsmith-series-',
    commits: [{ message: 'Initial tree\n', files: { MAINTAINERS, 'drivers/foo/foo.c': 'int foo;\n', 'lib/bar.c': 'int bar;\n' } }],
  });
  await git(dir, ['checkout', '-q', '-b', 'feat']);
  await commit(dir, {
    message: 'foo: add a counter\n\nCount the foos, so that the driver knows how many it has.\n\nSigned-off-by: Ann Dev <ann@example.org>\n',
    files: { 'drivers/foo/foo.c': 'int foo;\nint foo_count;\n' },
  });
  await commit(dir, {
    message:
      'bar: export the bar helper\n\nThe foo driver needs it for the counter.\n\nReviewed-by: Old Reviewer <old@example.org>\nSigned-off-by: Ann Dev <ann@example.org>\n',
    files: { 'lib/bar.c': 'int bar;\nint bar_helper(void) { return 1; }\n' },
  });
  await commit(dir, {
    message: 'foo: use the bar helper\n\nUse the helper instead of a constant.\n\nSigned-off-by: Ann Dev <ann@example.org>\n',
    files: { 'drivers/foo/foo.c': 'int foo;\nint foo_count = 1;\n' },
  });
  return dir;
}

/** An editor for `series cover --edit`: a script writing `text` over the file it is given. */
export async function writingEditor(dir: string, text: string): Promise<string> {
  const content = path.join(dir, `.editor-${Date.now()}.txt`);
  await fs.writeFile(content, text);
  const script = path.join(dir, `.editor-${Date.now()}.sh`);
  await fs.writeFile(script, `#!/bin/sh\ncp '${content}' "$1"\n`, { mode: 0o755 });
  return script;
}

/** Quoted-printable (RFC 2045) of UTF-8 text, soft line breaks at 76. */
export function quotedPrintable(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let out = '';
      for (const byte of Buffer.from(line, 'utf8')) {
        const c = String.fromCharCode(byte);
        out += byte === 0x3d || byte > 0x7e || (byte < 0x20 && byte !== 0x09) ? `=${byte.toString(16).toUpperCase().padStart(2, '0')}` : c;
      }
      const pieces: string[] = [];
      while (out.length > 75) {
        let at = 75;
        while (out[at - 1] === '=' || out[at - 2] === '=') at--;
        pieces.push(`${out.slice(0, at)}=`);
        out = out.slice(at);
      }
      pieces.push(out);
      return pieces.join('\n');
    })
    .join('\n');
}

/** RFC 2047 Q encoding of a display name. */
export function encodedWord(name: string): string {
  const q = [...Buffer.from(name, 'utf8')].map((b) => (b === 0x20 ? '_' : /[A-Za-z0-9]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
  return `=?UTF-8?Q?${q}?=`;
}

export interface ReplySpec {
  from: string;
  subject: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
  body: string;
  date?: string;
}

/** A reply as a mail client sends it: UTF-8, quoted-printable. */
export function replyMail(r: ReplySpec): string {
  return [
    `From: ${r.from}`,
    `Subject: ${r.subject}`,
    `Date: ${r.date ?? 'Mon, 2 Dec 2024 10:00:00 +0000'}`,
    `Message-Id: <${r.messageId}>`,
    ...(r.inReplyTo ? [`In-Reply-To: <${r.inReplyTo}>`] : []),
    ...(r.references?.length ? [`References: ${r.references.map((x) => `<${x}>`).join(' ')}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(r.body),
    '',
  ].join('\n');
}

/** An mbox of raw messages (`From ` separator lines, body `From ` lines escaped). */
export function mbox(messages: readonly string[]): string {
  return messages
    .map((m) => `From mboxrd@z Thu Jan  1 00:00:00 1970\n${m.replace(/\r\n/g, '\n').replace(/^(>*From )/gm, '>$1').replace(/\n*$/, '\n')}\n`)
    .join('');
}

/** `> ` quoting of a text, as a reply quotes the message it answers. */
export function quote(text: string): string {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => (l === '' ? '>' : `> ${l}`))
    .join('\n');
}
