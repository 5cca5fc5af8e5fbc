import type { Urge } from '#domain';

/**
 * Told after an urge (催办) was committed to the database. The database row is the truth:
 * the worker scans for urges whose deliveredAt is null, so a notifier that fails or is
 * absent loses nothing. The default does nothing; bind URGE_NOTIFIER to a BullMQ producer
 * to deliver at once.
 */
export interface UrgeNotifier {
  urgeRecorded(urge: Urge): Promise<void>;
}

export const URGE_NOTIFIER = Symbol('URGE_NOTIFIER');

export const noopUrgeNotifier: UrgeNotifier = {
  urgeRecorded: async () => undefined,
};
