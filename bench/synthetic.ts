/** Synthetic but realistic format-patch mails of a chosen size, for benchmarks. */

function hunk(fileNo: number, hunkNo: number, body: number): string[] {
  const out: string[] = [];
  const start = hunkNo * (body + 10) + 1;
  const added = Math.floor(body / 3);
  const deleted = Math.floor(body / 4);
  const context = body - added - deleted;
  out.push(`@@ -${start},${context + deleted} +${start},${context + added} @@ static int handler_${fileNo}(struct kvm_vcpu *vcpu)`);
  for (let i = 0; i < body; i++) {
    if (i < deleted) out.push(`-\told_value_${i} = vcpu->arch.regs[${i % 16}];`);
    else if (i < deleted + added) out.push(`+\tnew_value_${i} = kvm_register_read(vcpu, ${i % 16});`);
    else out.push(` \t/* unchanged line ${i} of the function body */`);
  }
  return out;
}

/** A patch of about `lines` lines: headers, message, trailers, diffstat and a diff. */
export function makeSyntheticPatch(lines: number): string {
  const hunkBody = 40;
  const hunksPerFile = 10;
  const perFile = hunksPerFile * (hunkBody + 1) + 4;
  const files = Math.max(1, Math.round((lines - 40) / perFile));
  const diff: string[] = [];
  const stat: string[] = [];
  let ins = 0;
  let del = 0;
  for (let f = 0; f < files; f++) {
    const path = `arch/x86/kvm/vmx/file_${f}.c`;
    diff.push(`diff --git a/${path} b/${path}`, `index 0123456789ab..ba9876543210 100644`, `--- a/${path}`, `+++ b/${path}`);
    let fa = 0;
    let fd = 0;
    for (let h = 0; h < hunksPerFile; h++) {
      const body = hunk(f, h, hunkBody);
      fa += body.filter((l) => l.startsWith('+')).length;
      fd += body.filter((l) => l.startsWith('-')).length;
      diff.push(...body);
    }
    ins += fa;
    del += fd;
    stat.push(` ${path} | ${fa + fd} ${'+'.repeat(Math.round((fa * 40) / (fa + fd)))}${'-'.repeat(Math.round((fd * 40) / (fa + fd)))}`);
  }
  return [
    'From 1234567890abcdef1234567890abcdef12345678 Mon Sep 17 00:00:00 2001',
    'From: Jane Developer <jane@example.org>',
    'Date: Mon, 23 Nov 2026 10:00:00 +0100',
    'Subject: [PATCH v2 3/7] KVM: VMX: Read guest registers through the accessor',
    '',
    'Reading vcpu->arch.regs directly bypasses the register cache and returns',
    'stale values when the register was not marked available. Use the',
    'kvm_register_read() accessor everywhere in the exit handlers.',
    '',
    'Fixes: 0123456789ab ("KVM: VMX: Cache guest registers")',
    'Reported-by: Some Reporter <reporter@example.com>',
    'Closes: https://lore.kernel.org/r/20261120.abc@example.com',
    'Reviewed-by: Another Reviewer <reviewer@example.net>',
    'Signed-off-by: Jane Developer <jane@example.org>',
    '---',
    'Changes in v2:',
    '- use the accessor in every handler',
    '',
    ...stat,
    ` ${files} file${files === 1 ? '' : 's'} changed, ${ins} insertions(+), ${del} deletions(-)`,
    '',
    ...diff,
    '-- ',
    '2.39.5',
    '',
  ].join('\n');
}
