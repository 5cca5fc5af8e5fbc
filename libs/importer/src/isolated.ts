/**
 * parseDocument in a worker thread, so that a hostile or huge upload costs the caller neither
 * its event loop nor its memory: the worker gets a heap limit and a wall-clock limit, and is
 * terminated when it runs past either (or when the process grows by more than the memory limit,
 * which also catches memory outside the worker's heap, such as buffers). One worker per document,
 * so nothing a document does to a library's state outlives its parse.
 *
 * The worker runs the built module (dist/libs/importer/src/parse-worker.js): beside this file
 * when this file is itself the built one, else (running from the TypeScript sources, as under
 * jest, whose global setup builds dist/) at the same place under dist/.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerAnswer, WorkerRequest } from './parse-worker.js';
import { ImportError, type ParsedPlan } from './types.js';

export interface IsolationLimits {
  /** Wall-clock limit of one parse. */
  timeoutMs: number;
  /** Heap of the worker, and the most the process may grow while it runs. */
  maxMemoryMb: number;
}

export const DEFAULT_ISOLATION_LIMITS: IsolationLimits = { timeoutMs: 30_000, maxMemoryMb: 512 };

/**
 * Parses running at once in this process; the others wait their turn (their time limit starts
 * with their parse). Two: the machines duban runs on have a few cores and each parse may take
 * its memory limit.
 */
export const MAX_CONCURRENT_PARSES = 2;

let running = 0;
const waiting: (() => void)[] = [];

/** Resolves when a parse may start; the caller must call `release` once it is done. */
async function acquire(): Promise<void> {
  if (running < MAX_CONCURRENT_PARSES) {
    running++;
    return;
  }
  // The releasing parse hands its slot over: `running` stays as it is.
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.js')
    ? join(dirname(here), 'parse-worker.js')
    : join(dirname(here), '..', '..', '..', 'dist', 'libs', 'importer', 'src', 'parse-worker.js');
  if (!existsSync(file)) throw new Error(`importer worker not built: ${file} is missing (run npm run build)`);
  return file;
}

const MB = 1024 * 1024;

const duration = (ms: number) => (ms < 1000 ? `${ms} 毫秒` : `${Math.round(ms / 1000)} 秒`);

/** Decodes and parses a document in a worker thread within `limits`; refusals are ImportErrors. */
export async function parseDocumentIsolated(buffer: Buffer, fileName: string, limits: IsolationLimits = DEFAULT_ISOLATION_LIMITS): Promise<ParsedPlan> {
  await acquire();
  try {
    return await inWorker(buffer, fileName, limits);
  } finally {
    release();
  }
}

function inWorker(buffer: Buffer, fileName: string, limits: IsolationLimits): Promise<ParsedPlan> {
  const request: WorkerRequest = { bytes: new Uint8Array(buffer), fileName };
  const worker = new Worker(workerFile(), {
    workerData: request,
    resourceLimits: { maxOldGenerationSizeMb: limits.maxMemoryMb, stackSizeMb: 4 },
    stdout: true,
    stderr: true,
  });
  // Library warnings stay out of the server's log.
  worker.stdout.resume();
  worker.stderr.resume();
  const rssAtStart = process.memoryUsage.rss();
  return new Promise<ParsedPlan>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(watch);
      // Answer once the thread is gone, so its memory is free before the next parse starts.
      void worker.terminate().then(outcome, outcome);
    };
    const tooBig = () =>
      new ImportError('PARSE_LIMIT', `解析“${fileName}”需要的内存超过 ${limits.maxMemoryMb} MB,已停止;请拆分文件,或另存为 .docx 或 .txt 后再导入。`);
    const timer = setTimeout(
      () => finish(() => reject(new ImportError('PARSE_LIMIT', `解析“${fileName}”超过 ${duration(limits.timeoutMs)}仍未完成,已停止;请拆分文件,或另存为 .docx 或 .txt 后再导入。`))),
      limits.timeoutMs,
    );
    const watch = setInterval(() => {
      if (process.memoryUsage.rss() - rssAtStart > limits.maxMemoryMb * MB) finish(() => reject(tooBig()));
    }, 50);
    worker.on('message', (answer: WorkerAnswer) =>
      finish(() => {
        if (answer.ok) resolve(answer.plan);
        else if (answer.code) reject(new ImportError(answer.code, answer.message));
        else reject(new ImportError('UNREADABLE', `无法解析文件“${fileName}”(文件内容损坏或格式无法识别)。`));
      }),
    );
    worker.on('error', (error: Error & { code?: string }) =>
      finish(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? tooBig() : new ImportError('UNREADABLE', `无法解析文件“${fileName}”(文件内容损坏或格式无法识别)。`))),
    );
    worker.on('exit', () => finish(() => reject(new ImportError('UNREADABLE', `无法解析文件“${fileName}”(解析意外中止)。`))));
  });
}
