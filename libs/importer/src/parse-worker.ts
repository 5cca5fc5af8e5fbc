/**
 * Worker-thread entry of parseDocumentIsolated: parses the document it is given and posts the
 * plan, or the refusal, back. Runs from dist/ (see isolated.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseDocument } from './document.js';
import { ImportError } from './types.js';

export interface WorkerRequest {
  bytes: Uint8Array;
  fileName: string;
}

export type WorkerAnswer =
  | { ok: true; plan: import('./types.js').ParsedPlan }
  | { ok: false; code: ImportError['code'] | null; message: string };

const { bytes, fileName } = workerData as WorkerRequest;
let answer: WorkerAnswer;
try {
  answer = { ok: true, plan: await parseDocument(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName) };
} catch (error) {
  answer = error instanceof ImportError ? { ok: false, code: error.code, message: error.message } : { ok: false, code: null, message: String((error as Error)?.message ?? error) };
}
parentPort!.postMessage(answer);
