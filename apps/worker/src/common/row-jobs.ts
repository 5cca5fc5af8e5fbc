import type { Job, Queue } from 'bullmq';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Claims a pending row before its message goes out: a lease (`claimedUntil`) as long as the job
 * lock, so a second worker holding a job for the same key (re-created after Redis lost its data)
 * waits instead of sending it too. Counts the attempt. True when this worker holds the claim.
 */
export async function claimRow(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>, id: number, leaseMs: number): Promise<boolean> {
  const now = new Date();
  const claimed = await dataSource
    .createQueryBuilder()
    .update(entity)
    .set({ claimedUntil: new Date(now.getTime() + leaseMs), attempts: () => '"attempts" + 1' })
    .where('"id" = :id AND "status" = :pending AND ("claimedUntil" IS NULL OR "claimedUntil" < :now)', { id, pending: 'pending', now })
    .execute();
  return Boolean(claimed.affected);
}

/**
 * Makes sure a pending row's job is in Redis: a no-op while Redis holds it waiting, delayed or
 * running; added again when Redis lost it; retried when it ran out of retries; added again when
 * Redis completed it without the row being marked done (the worker died in between).
 */
export async function reviveJob<T>(queue: Queue<T>, id: string, add: () => Promise<unknown>): Promise<boolean> {
  const state = await queue.getJobState(id);
  if (state !== 'failed' && state !== 'completed' && state !== 'unknown') return false;
  const job: Job<T> | undefined = state === 'unknown' ? undefined : await queue.getJob(id);
  if (!job) await add();
  else if (state === 'failed') await job.retry('failed');
  else {
    await job.remove();
    await add();
  }
  return true;
}
