/**
 * BAD_SIGN_OFF (checkpatch WARNING/ERROR): every sub-case checkpatch.pl reports on signature
 * lines (RULES.md C3), with fixes where the right form is certain:
 * - non-standard tag (`Co-authored-by:`), with the nearest standard tag when it is within edit
 *   distance 2 (`Reviewd-by:` -> `Reviewed-by:`, fixed);
 * - whitespace before the tag (fixed), and (patchsmith) before its colon (fixed);
 * - a `*-by:` tag not spelt ucfirst(lc(tag)) (`Signed-Off-By:`, fixed);
 * - not exactly one space after the colon (fixed);
 * - ERROR unrecognized email address; "might be better as" (fixed); comments in the address
 *   (fixed); more than one name comment; unexpected content after the address (fixed);
 * - "Duplicate signature";
 * - Co-developed-by: naming the author, not followed by Signed-off-by:, or not by the same value
 *   (a missing Signed-off-by is added by the fix when the co-author signed nowhere);
 * - Assisted-by: (7.0+) must read `AGENT_NAME:MODEL_VERSION [TOOL1] [TOOL2]`, no email.
 * QEMU profile: a misspelt `Signed-off-by` and a missing space after it are errors, with QEMU's
 * messages. Git profile: only Signed-off-by lines are checked.
 */
import type { Fix, Report, TextRule } from '../types';
import type { PatchDocument, PatchMessage, Range } from '../../model/types';
import { span } from '../../model/range';
import { lineText } from '../shared/commitLog';
import { formatEmail, parseEmail, sameEmailAddresses } from '../shared/email';
import {
  isKnownSignatureTag,
  nearestStandardSignature,
  SIGNATURE_TAGS,
  ucfirstLc,
  type SignatureLine,
} from '../shared/signature';
import { messageLines } from './util';
import { pushAll } from '../../model/array';

const ID = 'BAD_SIGN_OFF';
const SPACE_BEFORE_COLON = new RegExp(`^(\\s*)([a-z0-9_-]+by|${SIGNATURE_TAGS.join('|')})([ \\t]+):`, 'i');

/** The cases checkpatch (or QEMU's checkpatch) reports as ERROR; the others are warnings. */
const VARIANTS = {
  'unrecognized email address': 'error',
  'QEMU: Signed-off-by spelling': 'error',
  'QEMU: no space after Signed-off-by:': 'error',
} as const;
type Variant = keyof typeof VARIANTS;

function warn(message: string, r: Range, fix?: Fix): Report {
  return { message, range: r, ...(fix ? { fix } : {}) };
}

function error(variant: Variant, message: string, r: Range, fix?: Fix): Report {
  return { variant, message, range: r, ...(fix ? { fix } : {}) };
}

/** The email checks (checkpatch's parse_email/format_email block), BAD_STABLE_ADDRESS_STYLE aside. */
function emailFindings(sig: SignatureLine): Report[] {
  const out: Report[] = [];
  const { line, value } = sig;
  const valueRange = span(line, sig.valueStart, sig.valueStart + value.length);
  const e = parseEmail(value);
  const suggested = formatEmail(e);
  if (suggested === '') {
    out.push(
      error(
        'unrecognized email address',
        `Unrecognized email address: '${value}' - use 'Name <address>'`,
        value === '' ? span(line, sig.tagStart, sig.tagEnd) : valueRange,
      ),
    );
    return out;
  }
  if (!sameEmailAddresses(value, suggested)) {
    out.push(
      warn(`email address '${value}' might be better as '${suggested}'`, valueRange, {
        title: `Write '${suggested}'`,
        edits: [{ range: valueRange, newText: suggested }],
        safety: 'safe',
      }),
    );
  }
  const stripped = e.address.replace(/\([^()]*\)/g, '');
  if (stripped !== e.address) {
    const at = value.indexOf(e.address);
    const r = at >= 0 ? span(line, sig.valueStart + at, sig.valueStart + at + e.address.length) : valueRange;
    out.push(
      warn(
        `address part of email should not have comments: '${e.address}'`,
        r,
        at >= 0 ? { title: `Write '${stripped}'`, edits: [{ range: r, newText: stripped }], safety: 'safe' } : undefined,
      ),
    );
  }
  const comments = e.nameComment.match(/\([^)]+\)/g) ?? [];
  if (comments.length > 1) out.push(warn(`Use a single name comment in email: '${value}'`, valueRange));
  // stable@ addresses are BAD_STABLE_ADDRESS_STYLE's.
  if (!/^.*stable@(?:vger\.)?kernel\.org/i.test(value) && e.comment !== '' && !/^(?:#.+|\(.+\))$/.test(e.comment)) {
    let c = e.comment.replace(/^\[(.*)\]$/, '$1').replace(/^\/\*(.*)\*\/$/, '$1');
    c = c.trim().replace(/^[^\w]$/, '');
    if (c !== '') c = `(${c})`;
    const fixed = formatEmail({ ...e, comment: c });
    out.push(
      warn(`Unexpected content after email: '${value}', should be: '${fixed}'`, valueRange, {
        title: `Write '${fixed}'`,
        edits: [{ range: valueRange, newText: fixed }],
        // The comment is rewritten into a form checkpatch guesses.
        safety: 'unsafe',
      }),
    );
  }
  return out;
}

function coDevelopedBy(doc: PatchDocument, msg: PatchMessage, sig: SignatureLine, author: string): Report[] {
  const out: Report[] = [];
  const tagRange = span(sig.line, sig.tagStart, sig.tagEnd);
  if (sig.value === author) {
    out.push(warn(`Co-developed-by: should not be used to attribute nominal patch author '${author}'`, tagRange));
  }
  const next = sig.line + 1 < doc.lines.length ? lineText(doc, sig.line + 1) : undefined;
  const m = next !== undefined ? /^signed-off-by:\s*(.*)$/i.exec(next) : null;
  if (!m) {
    // The fix adds the co-author's sign-off when it is nowhere in the message.
    const signed = messageLines(doc, msg).some((l) => {
      const s = /^\s*signed-off-by:\s*(.*)$/i.exec(lineText(doc, l));
      return s !== null && s[1]!.trim() === sig.value.trim();
    });
    const end = sig.text.length;
    out.push(
      warn(
        'Co-developed-by: must be immediately followed by Signed-off-by:',
        tagRange,
        !signed && sig.value.trim() !== ''
          ? {
              title: `Add 'Signed-off-by: ${sig.value.trim()}' after it`,
              edits: [{ range: span(sig.line, end, end), newText: `\nSigned-off-by: ${sig.value.trim()}` }],
              // A sign-off certifies the DCO: only the co-author may add it.
              safety: 'unsafe',
            }
          : undefined,
      ),
    );
  } else if (m[1] !== sig.value) {
    out.push(warn('Co-developed-by and Signed-off-by: name/email do not match', tagRange));
  }
  return out;
}

export const badSignOff: TextRule = {
  kind: 'text',
  id: ID,
  severity: 'warning',
  variants: VARIANTS,
  description: 'A signature tag (Signed-off-by:, Reviewed-by:, Cc: ...) is malformed.',
  doc: [
    'Signature tags are read by tools (git, b4, patchwork, checkpatch), so their form is fixed:',
    '',
    '```',
    'Signed-off-by: Jane Doe <jane@example.org>',
    'Co-developed-by: John Roe <john@example.org>',
    'Signed-off-by: John Roe <john@example.org>',
    'Reviewed-by: Joe Bloggs <joe@example.org> # v1',
    'Assisted-by: Claude:claude-opus-4 coccinelle',
    '```',
    '',
    '- a standard tag (Signed-off-by, Co-developed-by, Acked-by, Tested-by, Reviewed-by,',
    '  Reported-by, Suggested-by, Assisted-by, To, Cc), spelt `Xxx-by:` (ucfirst of lower case);',
    '- at the start of the line, then exactly one space after the colon;',
    '- `Name <address>` (or a bare address), optionally followed by `# note` or `(note)` only;',
    '- no duplicate lines; every Co-developed-by: immediately followed by that person\'s',
    '  Signed-off-by:, and never for the patch author;',
    '- Assisted-by: names the AI agent and model as `AGENT_NAME:MODEL_VERSION`, optionally followed',
    '  by the specialised tools used (not git, gcc, editors); AI agents never add Signed-off-by.',
    '',
    'Source: checkpatch.pl `BAD_SIGN_OFF` (Assisted-by: from 7.0); submitting-patches.rst;',
    'coding-assistants.rst; QEMU checkpatch.pl for the exact `Signed-off-by` spelling.',
  ].join('\n'),
  profiles: ['kernel', 'qemu', 'git'],
  origin: { checkpatch: 'BAD_SIGN_OFF', level: 'WARNING' },
  check({ doc, msg, config, facts, report }) {
    const out: Report[] = [];
    const qemu = config.profile === 'qemu';
    const gitOnly = config.profile === 'git';
    const author = facts.author;
    const seen = new Set<string>();

    // `Signed-off-by : x`: git reads it as a trailer, checkpatch and b4 do not.
    for (const l of facts.messageLines) {
      const text = lineText(doc, l);
      const m = SPACE_BEFORE_COLON.exec(text);
      if (!m || (gitOnly && m[2]!.toLowerCase() !== 'signed-off-by')) continue;
      const ws = m[1]!.length + m[2]!.length;
      const r = span(l, ws, ws + m[3]!.length);
      out.push(
        warn(`Do not use whitespace before the colon of ${ucfirstLc(m[2]!)}:`, r, {
          title: 'Remove the whitespace before the colon',
          safety: 'safe',
          edits: [{ range: r, newText: '' }],
        }),
      );
    }

    for (const sig of facts.signatureLines) {
      const { line, tag } = sig;
      const lower = tag.toLowerCase();
      if (gitOnly && lower !== 'signed-off-by:') continue;
      const ucfirst = ucfirstLc(tag);
      const tagRange = span(line, sig.tagStart, sig.tagEnd);

      if (!isKnownSignatureTag(tag)) {
        const suggestion = nearestStandardSignature(tag);
        if (suggestion === null) {
          const hint = /^co-?authored-by:$/i.test(tag)
            ? ' - the kernel uses Co-developed-by: followed by the co-author\'s Signed-off-by:'
            : '';
          out.push(warn(`Non-standard signature: ${tag}${hint}`, tagRange));
        } else {
          out.push(
            warn(`Non-standard signature: '${tag}' - perhaps '${suggestion}:'?`, tagRange, {
              title: `Write '${suggestion}:'`,
              // The nearest standard tag is a guess.
              safety: 'unsafe',
              edits: [{ range: tagRange, newText: suggestion }],
            }),
          );
        }
      }
      if (sig.spaceBefore !== '') {
        const r = span(line, 0, sig.tagStart);
        out.push(
          warn(`Do not use whitespace before ${ucfirst}`, r, {
            title: 'Remove the whitespace before the tag',
            safety: 'safe',
            edits: [{ range: r, newText: '' }],
          }),
        );
      }
      if (/-by:$/i.test(tag) && tag !== ucfirst) {
        const fix: Fix = { title: `Write '${ucfirst}'`, edits: [{ range: tagRange, newText: ucfirst.slice(0, -1) }], safety: 'safe' };
        if (qemu && lower === 'signed-off-by:') out.push(error('QEMU: Signed-off-by spelling', 'The correct form is "Signed-off-by"', tagRange, fix));
        else out.push(warn(`'${ucfirst}' is the preferred signature form`, tagRange, fix));
      }
      if (sig.spaceAfter !== ' ') {
        const colon = sig.tagEnd;
        const r = sig.spaceAfter === '' ? span(line, colon, colon + 1) : span(line, colon + 1, colon + 1 + sig.spaceAfter.length);
        const fix =
          sig.value !== ''
            ? {
                title: 'Use a single space after the colon',
                edits: [{ range: span(line, colon + 1, sig.valueStart), newText: ' ' }],
                safety: 'safe' as const,
              }
            : undefined;
        if (qemu && lower === 'signed-off-by:' && sig.spaceAfter === '' && sig.value !== '') {
          out.push(error('QEMU: no space after Signed-off-by:', 'space required after Signed-off-by:', r, fix));
        } else {
          out.push(warn(`Use a single space after ${ucfirst}`, r, fix));
        }
      }

      if (lower === 'assisted-by:') {
        if (!/^\S+:\S+/.test(sig.value)) {
          const r = sig.value === '' ? tagRange : span(line, sig.valueStart, sig.valueStart + sig.value.length);
          out.push(warn("Assisted-by expects 'AGENT_NAME:MODEL_VERSION [TOOL1] [TOOL2]' format", r));
        }
        continue;
      }

      pushAll(out, emailFindings(sig));

      const key = sig.text.replace(/\s/g, '').toLowerCase();
      if (seen.has(key)) {
        out.push(warn('Duplicate signature', span(line, sig.tagStart, sig.text.trimEnd().length)));
      } else {
        seen.add(key);
      }

      if (lower === 'co-developed-by:') pushAll(out, coDevelopedBy(doc, msg, sig, author));
    }
    for (const r of out) report(r);
  },
};
