/** A synthetic mbox of many small patches (a long `git format-patch --stdout` run), for the bench and tests. */

/** One format-patch mail of about 1,400 bytes; `i` makes its subject, sha and hunk unique. */
export function mboxMessage(i: number, total: number): string {
  return [
    `From ${i.toString(16).padStart(40, '0')} Mon Sep 17 00:00:00 2001`,
    'From: Jane Developer <jane@example.org>',
    'Date: Mon, 23 Nov 2026 10:00:00 +0100',
    `Subject: [PATCH ${i + 1}/${total}] KVM: x86: Read register ${i} through the accessor`,
    '',
    `Reading vcpu->arch.regs[${i % 16}] directly bypasses the register cache and returns a`,
    'stale value when the register was not marked available. Use the accessor in the',
    `exit handler of case ${i}, like every other handler already does.`,
    '',
    'Reviewed-by: Another Reviewer <reviewer@example.net>',
    'Signed-off-by: Jane Developer <jane@example.org>',
    '---',
    ' arch/x86/kvm/x86.c | 8 ++++----',
    ' 1 file changed, 4 insertions(+), 4 deletions(-)',
    '',
    'diff --git a/arch/x86/kvm/x86.c b/arch/x86/kvm/x86.c',
    'index 0123456789ab..ba9876543210 100644',
    '--- a/arch/x86/kvm/x86.c',
    '+++ b/arch/x86/kvm/x86.c',
    `@@ -${i + 100},10 +${i + 100},10 @@ static int handle_case_${i}(struct kvm_vcpu *vcpu)`,
    ' \tint r;',
    ' \t/* unchanged line of the function body */',
    `-\tval = vcpu->arch.regs[${i % 16}];`,
    '-\tval2 = vcpu->arch.regs[2];',
    '-\tval3 = vcpu->arch.regs[3];',
    '-\tval4 = vcpu->arch.regs[4];',
    `+\tval = kvm_register_read(vcpu, ${i % 16});`,
    '+\tval2 = kvm_register_read(vcpu, 2);',
    '+\tval3 = kvm_register_read(vcpu, 3);',
    '+\tval4 = kvm_register_read(vcpu, 4);',
    ' \treturn r;',
    ' }',
    '-- ',
    '2.39.5',
    '',
  ].join('\n');
}

/** An mbox of at least `bytes` bytes; returns the text and its number of messages. */
export function makeMbox(bytes: number): { text: string; messages: number } {
  const total = Math.max(1, Math.ceil(bytes / mboxMessage(0, 1).length));
  const parts: string[] = [];
  for (let i = 0; i < total; i++) parts.push(mboxMessage(i, total));
  return { text: parts.join('\n'), messages: total };
}

/**
 * makeMbox's text with the middle message's `Reviewed-by:` key misspelt `Reviewed-By:` (one
 * finding, with a quick fix); `mid` is that message's index, `line` the trailer's line (0-based).
 */
export function mboxWithMisspeltTrailer(bytes: number): { text: string; messages: number; mid: number; line: number } {
  const { text: base, messages } = makeMbox(bytes);
  const mid = Math.floor(messages / 2);
  const trailerAt = base.indexOf('Reviewed-by:', base.indexOf(`exit handler of case ${mid},`));
  const text = `${base.slice(0, trailerAt)}Reviewed-By:${base.slice(trailerAt + 'Reviewed-by:'.length)}`;
  return { text, messages, mid, line: text.slice(0, trailerAt).split('\n').length - 1 };
}
