import { Item, Plan, readOnlyReason } from '#domain';
import { type EntityManager, In } from 'typeorm';
import { conflict, staleVersion } from '../common/errors.js';

/**
 * Optimistic locking: loads the item and refuses (409) when the client's version is not
 * the current one, so nothing is overwritten. The write itself is guarded again by
 * `WHERE version = :version` (see saveItemVersioned) against a concurrent writer.
 */
export async function lockItem(manager: EntityManager, itemId: number, version: number): Promise<Item> {
  const item = await manager.getRepository(Item).findOneBy({ id: itemId });
  if (!item) throw conflict(`事项不存在:${itemId}`);
  await assertWritable(manager, item);
  if (item.version !== version) throw staleVersion(item.version);
  return item;
}

/**
 * Why each item may not be written on (superseded by a revision, withdrawn, of an archived plan),
 * for the items that may not; see readOnlyReason.
 */
export async function readOnlyReasons(manager: EntityManager, items: Pick<Item, 'id' | 'planId' | 'status' | 'successorId'>[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (items.length === 0) return out;
  const successorIds = [...new Set(items.map((i) => i.successorId).filter((id): id is number => id !== null))];
  const successors = successorIds.length > 0 ? await manager.getRepository(Item).find({ where: { id: In(successorIds) }, select: { id: true, planId: true } }) : [];
  const planIds = [...new Set([...items.map((i) => i.planId), ...successors.map((s) => s.planId)])];
  const plans = new Map((await manager.getRepository(Plan).find({ where: { id: In(planIds) }, select: { id: true, version: true, current: true, archived: true } })).map((p) => [p.id, p]));
  const successorPlan = new Map(successors.map((s) => [s.id, plans.get(s.planId)]));
  for (const item of items) {
    const plan = plans.get(item.planId);
    if (!plan) continue;
    const reason = readOnlyReason({ item, plan, successorVersion: item.successorId !== null ? (successorPlan.get(item.successorId)?.version ?? null) : null });
    if (reason) out.set(item.id, reason);
  }
  return out;
}

/** Refuses (409, naming the successor) a write on an item that is read-only. */
export async function assertWritable(manager: EntityManager, item: Pick<Item, 'id' | 'planId' | 'status' | 'successorId'>): Promise<void> {
  const reason = (await readOnlyReasons(manager, [item])).get(item.id);
  if (reason) throw conflict(reason);
}

/**
 * Writes fields of an item if its version is still `version` (one statement); the version column
 * goes up by one, so the item is at `version + 1` afterwards. A stale version is a 409.
 */
export async function updateItemVersioned(manager: EntityManager, itemId: number, version: number, fields: Partial<Item>): Promise<void> {
  const result = await manager
    .createQueryBuilder()
    .update(Item)
    .set(fields)
    .where('id = :id', { id: itemId })
    .andWhere('version = :version', { version })
    .execute();
  if (result.affected !== 1) {
    const current = await manager.getRepository(Item).findOneByOrFail({ id: itemId });
    throw staleVersion(current.version);
  }
}

/** Writes fields of an item if its version is still `version`; the version column goes up by one. Returns the saved item. */
export async function saveItemVersioned(manager: EntityManager, item: Item, version: number, fields: Partial<Item>): Promise<Item> {
  await updateItemVersioned(manager, item.id, version, fields);
  return manager.getRepository(Item).findOneByOrFail({ id: item.id });
}
