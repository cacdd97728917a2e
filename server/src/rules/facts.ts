/**
 * Facts many rules need about one message (the commit log's lines, the signature lines, the
 * sign-offs, the subject's text), computed once per message and only when a rule first asks:
 * the engine hands one MessageFacts to every rule that checks the message, so twelve rules on a
 * keystroke read the commit log once, not twelve times.
 */
import type { PatchDocument, PatchMessage } from '../model/types';
import { commitLog, type CommitLog } from './shared/commitLog';
import type { SignatureLine } from './shared/signature';
import { subjectText, type SubjectText } from './shared/subjectLines';
import { checkpatchAuthor, signatureLines, signOffs, type SignOffs } from './trailers/util';

export class MessageFacts {
  private logCache: CommitLog | undefined;
  private messageLinesCache: readonly number[] | undefined;
  private signaturesCache: readonly SignatureLine[] | undefined;
  private signOffsCache: SignOffs | undefined;
  private subjectCache: SubjectText | undefined;
  private authorCache: string | undefined;

  constructor(
    readonly doc: PatchDocument,
    readonly msg: PatchMessage,
  ) {}

  /** The commit log as checkpatch sees it (message lines, log lines, first sign-off). */
  get log(): CommitLog {
    return (this.logCache ??= commitLog(this.doc, this.msg));
  }

  /** The lines checked for signatures: the commit message (a cover letter's text), not the diff. */
  get messageLines(): readonly number[] {
    return (this.messageLinesCache ??= this.msg.kind === 'cover' ? this.msg.message.bodyLines : this.log.messageLines);
  }

  /** checkpatch's signature lines of the message. */
  get signatureLines(): readonly SignatureLine[] {
    return (this.signaturesCache ??= signatureLines(this.doc, this.msg, this.messageLines));
  }

  /** The Signed-off-by lines and how they compare with the author. */
  get signOffs(): SignOffs {
    return (this.signOffsCache ??= signOffs(this.doc, this.msg, this.messageLines));
  }

  /** The subject's text pieces (header lines, or a bare commit message's title). */
  get subject(): SubjectText {
    return (this.subjectCache ??= subjectText(this.doc, this.msg));
  }

  /** checkpatch's `$author`: the From: value reformatted; '' when there is none. */
  get author(): string {
    return (this.authorCache ??= checkpatchAuthor(this.msg));
  }
}

