/**
 * The trailer keys patchsmith offers, with their canonical spelling and what each means
 * (Documentation/process/submitting-patches.rst, b4, QEMU's submitting-a-patch guide). Used by
 * completion (keys and their documentation), hover (meaning and the rules that check the key)
 * and the people look-ups (which keys take a person).
 */
import type { Profile } from '../rules/types';

export interface TrailerKeyInfo {
  /** Canonical spelling. */
  key: string;
  /** Takes `Name <email>`. */
  person: boolean;
  /** One line, for completion details. */
  summary: string;
  /** Markdown for completion documentation and hover. */
  doc: string;
  /** Rule ids that check this key. */
  rules: string[];
  /** Profiles where the key is conventional. */
  profiles: Profile[];
}

const ALL: Profile[] = ['kernel', 'qemu', 'git'];
const KQ: Profile[] = ['kernel', 'qemu'];

export const TRAILER_KEYS: readonly TrailerKeyInfo[] = [
  {
    key: 'Signed-off-by',
    person: true,
    summary: 'Developer Certificate of Origin: you wrote it or may pass it on',
    doc:
      'Certifies the Developer Certificate of Origin: you wrote the change or have the right to pass it on.\n\n' +
      'Sign-offs are chronological: the first is the author, the **last is the submitter**; later ones are handlers. ' +
      'Every patch needs one matching its author (`From:`).',
    rules: ['BAD_SIGN_OFF', 'MISSING_SIGN_OFF', 'NO_AUTHOR_SIGN_OFF', 'FROM_SIGN_OFF_MISMATCH'],
    profiles: ALL,
  },
  {
    key: 'Reviewed-by',
    person: true,
    summary: 'The reviewer has reviewed the patch and finds it acceptable',
    doc:
      "States that the reviewer carried out a technical review and believes the patch is fit for inclusion (the Reviewer's statement of oversight). " +
      'Only add it when the reviewer gave it explicitly; carry it to new versions unless the patch changed substantially.',
    rules: ['BAD_SIGN_OFF'],
    profiles: ALL,
  },
  {
    key: 'Acked-by',
    person: true,
    summary: 'A stakeholder (often a maintainer of touched code) agrees with the change',
    doc:
      'Records that a person responsible for, or involved with, the affected code agrees with the patch; ' +
      'it is less than a full review. Often given by the maintainer of code the patch touches outside their tree.',
    rules: ['BAD_SIGN_OFF'],
    profiles: ALL,
  },
  {
    key: 'Tested-by',
    person: true,
    summary: 'The person tested the patch successfully',
    doc: 'The patch was tested successfully (in some environment) by the person named. Add it only when they gave it.',
    rules: ['BAD_SIGN_OFF'],
    profiles: ALL,
  },
  {
    key: 'Reported-by',
    person: true,
    summary: 'Credits who found and reported the problem',
    doc:
      'Credits the person who reported the problem. Must be followed by a `Closes:` (or `Link:`) trailer pointing at the public report ' +
      'when there is one.',
    rules: ['BAD_SIGN_OFF', 'BAD_REPORTED_BY_LINK'],
    profiles: ALL,
  },
  {
    key: 'Suggested-by',
    person: true,
    summary: 'Credits who had the idea',
    doc: 'Credits the person who suggested the idea of the patch. Ask before adding it when the suggestion was not public.',
    rules: ['BAD_SIGN_OFF'],
    profiles: ALL,
  },
  {
    key: 'Co-developed-by',
    person: true,
    summary: 'A co-author; must be followed by their Signed-off-by',
    doc:
      "States that the patch was co-created by several developers. Every `Co-developed-by:` is **immediately followed** by that co-author's " +
      '`Signed-off-by:`, byte-identical, and it never names the patch author (`From:`).',
    rules: ['BAD_SIGN_OFF'],
    profiles: ALL,
  },
  {
    key: 'Cc',
    person: true,
    summary: 'The person was (or should be) sent the patch',
    doc:
      'Records that a person was sent the patch. `Cc: stable@vger.kernel.org` asks for a backport to the stable trees; ' +
      'that address takes no display name, and a note after it is written `# 6.1.x`.',
    rules: ['BAD_SIGN_OFF', 'BAD_STABLE_ADDRESS_STYLE'],
    profiles: ALL,
  },
  {
    key: 'Fixes',
    person: false,
    summary: 'The commit that introduced the bug: Fixes: <12+ hex> ("<title>")',
    doc:
      'Names the commit that introduced the bug fixed here, as `Fixes: <12+ hex sha> ("<exact commit title>")` on one line ' +
      '(`git config pretty.fixes \'Fixes: %h ("%s")\'` with `core.abbrev=12`). Stable maintainers use it to pick backports.',
    rules: ['BAD_FIXES_TAG', 'FIXES_UNKNOWN_COMMIT', 'FIXES_TITLE_MISMATCH', 'MISSING_FIXES_TAG'],
    profiles: ALL,
  },
  {
    key: 'Link',
    person: false,
    summary: 'A public URL with background (discussion, documentation)',
    doc:
      'A public http(s) URL with background for the change, e.g. an earlier discussion: `https://lore.kernel.org/r/<message-id>` ' +
      '(without angle brackets). Private trackers are not allowed.',
    rules: ['COMMIT_LOG_WRONG_LINK', 'PREFER_LORE_ARCHIVE'],
    profiles: ALL,
  },
  {
    key: 'Closes',
    person: false,
    summary: 'URL of the public bug report this patch fixes',
    doc: 'The public bug report or report mail the patch resolves; goes right after `Reported-by:`.',
    rules: ['COMMIT_LOG_WRONG_LINK', 'BAD_REPORTED_BY_LINK'],
    profiles: KQ,
  },
  {
    key: 'Assisted-by',
    person: false,
    summary: 'A coding assistant used: AGENT_NAME:MODEL_VERSION [TOOLS]',
    doc:
      'Discloses an AI coding assistant: `Assisted-by: AGENT_NAME:MODEL_VERSION [TOOL1] [TOOL2]`. Agents never add a `Signed-off-by:`; ' +
      'basic tools (git, gcc, editors) are not listed.',
    rules: ['BAD_SIGN_OFF'],
    profiles: ['kernel'],
  },
  {
    key: 'Resolves',
    person: false,
    summary: 'QEMU: the GitLab issue this patch resolves',
    doc: 'QEMU: `Resolves: https://gitlab.com/qemu-project/qemu/-/issues/<n>` closes the GitLab issue when the patch lands.',
    rules: [],
    profiles: ['qemu'],
  },
];

const BY_LOWER = new Map(TRAILER_KEYS.map((k) => [k.key.toLowerCase(), k]));

/** The known key for a key as written (case-insensitive), if any. */
export function trailerKeyInfo(key: string): TrailerKeyInfo | undefined {
  return BY_LOWER.get(key.trim().toLowerCase());
}

/** Whether a key (any case) takes a person. */
export function isPersonKey(key: string): boolean {
  return trailerKeyInfo(key)?.person ?? false;
}

export function keysForProfile(profile: Profile): TrailerKeyInfo[] {
  return TRAILER_KEYS.filter((k) => k.profiles.includes(profile));
}
