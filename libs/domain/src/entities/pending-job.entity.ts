import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A job the API could not hand to Redis (Redis down or too slow): kept in the database with its
 * deterministic job id and added to its queue when Redis answers again, then deleted. Adding the
 * same job id twice is harmless (BullMQ keeps one job per id, and the worker checks the database
 * before sending anything), so several API processes may flush the same rows.
 */
@Entity('pending_job')
@Index('UQ_pending_job_job', ['jobId'], { unique: true })
export class PendingJob {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_pending_job' })
  id!: number;

  /** BullMQ queue name (libs/queue QUEUES). */
  @Column({ type: 'varchar', length: 64 })
  queue!: string;

  /** BullMQ job name (libs/queue JOBS). */
  @Column({ type: 'varchar', length: 64 })
  name!: string;

  /** The BullMQ job id, e.g. urge.12. */
  @Column({ type: 'varchar', length: 200 })
  jobId!: string;

  /** The job's payload. */
  @Column({ type: 'simple-json' })
  data!: Record<string, unknown>;

  @Column({ type: Date })
  createdAt!: Date;

  /** Failed attempts to add it to Redis, and the last error. */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}
