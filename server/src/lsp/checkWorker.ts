/**
 * The check worker (dist/checkWorker.js, a worker thread of the language server): parses open
 * documents and runs the text rules on them, incrementally per message (check/incremental.ts),
 * so the server's main thread stays free for requests while a huge document is checked.
 * It keeps no findings: it gives the main thread those of the messages it does not hold yet
 * (IncrementalDocument.checkDelta), the others by id; a huge delta in parts as the check goes.
 * Protocol: checkPool.ts. A check asks between messages whether a newer version superseded it
 * (the shared `cancel` cell holds the id of the job to drop).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CheckCancelled, IncrementalDocument, LAZY_MIN_LENGTH, type DeltaChunk } from '../check/incremental';
import { collectGarbage, releaseLastMatch } from '../io/leanHeap';
import { PART_MESSAGES, type CheckJob, type CheckReply, type DeltaPart, type WorkerData, type WorkerRequest } from './checkPool';

if (parentPort) {
  const port = parentPort;
  const data = workerData as WorkerData;
  const cancel = new Int32Array(data.cancel);
  const docs = new Map<string, { doc: IncrementalDocument; kind: CheckJob['kind'] }>();

  const check = (job: CheckJob): CheckReply => {
    let entry = docs.get(job.uri);
    // `reset`: the main thread holds none of this document's findings.
    if (!entry || entry.kind !== job.kind || job.reset) {
      entry = { doc: new IncrementalDocument(job.kind), kind: job.kind };
      docs.set(job.uri, entry);
    }
    const doc = entry.doc;
    const ruleErrors: [string, string][] = [];
    const cancelled = (): boolean => Atomics.load(cancel, 0) === job.id;
    try {
      if (cancelled()) return { type: 'cancelled', id: job.id };
      // Findings only, and only those the main thread does not hold yet: no message's model and no
      // findings are kept here between checks.
      // A huge delta goes to the main thread in parts as the check goes (kept whole nowhere).
      let parts = 0;
      const emit = (chunk: DeltaChunk): void => {
        parts++;
        port.postMessage({ type: 'part', id: job.id, ...chunk } satisfies DeltaPart);
      };
      const delta = doc.checkDelta(
        job.text,
        job.config,
        { onRuleError: (rule, error) => ruleErrors.push([rule, error instanceof Error ? error.message : String(error)]), configToken: job.token },
        cancelled,
        { size: PART_MESSAGES, emit },
      );
      return { type: 'done', id: job.id, delta, parts, ruleErrors };
    } catch (error) {
      if (error instanceof CheckCancelled) return { type: 'cancelled', id: job.id };
      return { type: 'failed', id: job.id, message: error instanceof Error ? error.message : String(error) };
    }
  };

  port.on('message', (msg: WorkerRequest) => {
    if (msg.type === 'forget') {
      docs.delete(msg.uri);
      return;
    }
    const reply = check(msg);
    // The text of this job is not kept: nor by the job, nor through the last match.
    const huge = msg.text.length >= LAZY_MIN_LENGTH;
    msg.text = '';
    releaseLastMatch();
    // A huge text's line table goes to the main thread without a copy.
    const starts = reply.type === 'done' ? reply.delta.shape?.lineStarts.buffer : undefined;
    port.postMessage(reply, starts instanceof ArrayBuffer ? [starts] : []);
    // A huge check's text and garbage are let go now, not at the next check.
    if (huge) collectGarbage();
  });
}
