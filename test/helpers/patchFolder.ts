/**
 * A folder of many generated patch files, as `patchsmith check DIR` meets them (the bench's
 * multi-core figure, the test that workers and in-process agree): series of a cover letter and
 * four patches threaded by Message-Id, series without threading headers, single patches that
 * keep old counters, an mbox, with findings of every kind (text, parse, series).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mboxMessage } from './mbox';

function withHeaders(mail: string, extra: string[]): string {
  const at = mail.indexOf('\nSubject: ');
  return extra.length ? `${mail.slice(0, at)}\n${extra.join('\n')}${mail.slice(at)}` : mail;
}

function cover(s: number, total: number, threaded: boolean): string {
  return [
    `From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001`,
    'From: Jane Developer <jane@example.org>',
    'Date: Mon, 23 Nov 2026 10:00:00 +0100',
    ...(threaded ? [`Message-Id: <s${s}-0@example.org>`] : []),
    `Subject: [PATCH v2 0/${total}] KVM: x86: series ${s}`,
    '',
    `This is series ${s}: it reads registers through the accessor.`,
    '',
    'Jane Developer (1):',
    `  KVM: x86: series ${s}`,
    '',
    ' arch/x86/kvm/x86.c | 8 ++++----',
    ' 1 file changed, 4 insertions(+), 4 deletions(-)',
    '',
    '-- ',
    '2.39.5',
    '',
  ].join('\n');
}

/** Write about `count` files into `dir` (which exists); returns the number written. */
export function writePatchFolder(dir: string, count: number): number {
  let n = 0;
  const put = (name: string, text: string): void => {
    fs.writeFileSync(path.join(dir, name), text);
    n++;
  };
  for (let s = 0; n < count; s++) {
    const kind = s % 4;
    const prefix = `s${String(s).padStart(5, '0')}-`;
    if (kind === 0 || kind === 1) {
      // A threaded series (kind 0) or one grouped by file names only (kind 1), v2 of 4.
      const threaded = kind === 0;
      put(`${prefix}v2-0000-cover-letter.patch`, cover(s, 4, threaded));
      for (let m = 1; m <= 4 && n < count; m++) {
        let mail = mboxMessage(s * 10 + m, 4).replace(/\[PATCH (\d+)\/4\]/, `[PATCH v2 ${m}/4]`);
        if (threaded) mail = withHeaders(mail, [`Message-Id: <s${s}-${m}@example.org>`, `In-Reply-To: <s${s}-0@example.org>`, `References: <s${s}-0@example.org>`]);
        if (m === 3) mail = mail.replace(/^Signed-off-by: .*\n/m, ''); // no sign-off
        if (m === 2 && s % 8 === 0) mail = mail.replace(/^(Reading .*)$/m, `$1 ${'and a line far too long for the log '.repeat(3)}`);
        if (m === 4 && s % 3 === 0) mail = mail.replace('[PATCH v2 4/4]', '[PATCH v2 3/4]'); // numbering twice
        put(`${prefix}v2-${String(m).padStart(4, '0')}-read-register.patch`, mail);
      }
    } else if (kind === 2) {
      // Unrelated single patches that keep old counters, one with a damaged hunk.
      let mail = mboxMessage(s, 9);
      if (s % 5 === 2) mail = mail.replace(' \treturn r;\n', '\treturn r;\n');
      put(`${prefix}backport.patch`, mail);
    } else {
      // An mbox of three patches.
      put(`${prefix}series.mbox`, [1, 2, 3].map((m) => mboxMessage(s * 10 + m, 3).replace(/ +$/gm, '')).join('\n') + '\n');
    }
  }
  return n;
}
