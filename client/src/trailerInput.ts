/** Validation of trailer values typed into input boxes (no vscode import: unit-tested). */

export type TrailerValueKind = 'person' | 'fixes' | 'url';

/** A message saying what is wrong with `value`, or undefined when it can be used. */
export function trailerValueProblem(kind: TrailerValueKind, value: string): string | undefined {
  const v = value.trim();
  if (v === '') return 'Type a value, or press Escape';
  switch (kind) {
    case 'person':
      if (/^[^<>@]*[^<>@\s] <[^<>\s@]+@[^<>\s@]+>$/.test(v)) return undefined;
      if (/^[^<>\s@]+@[^<>\s@]+$/.test(v)) return undefined;
      return 'Write it as Full Name <address@example.org>';
    case 'fixes': {
      const m = /^([0-9a-fA-F]+)(.*)$/.exec(v);
      if (!m) return 'Start with the commit sha (at least 12 hex digits)';
      const [, sha = '', rest = ''] = m;
      if (sha.length < 12) return 'Use at least 12 hex digits of the sha';
      if (rest === '' || /^ \(".*"\)$/.test(rest)) return undefined;
      return 'After the sha write the title as ("subsys: title")';
    }
    case 'url':
      return /^https?:\/\/\S+$/.test(v) ? undefined : 'Type a URL starting with https://';
  }
}
