import { Item } from '#domain';
import type { EntityManager } from 'typeorm';
import { conflict, staleVersion } from '../common/errors.js';

/**
 * Optimistic locking: loads the item and refuses (409) when the client's version is not
 * the current one, so nothing is overwritten. The write itself is guarded again by
 * `WHERE version = :version` (see saveItemVersioned) against a concurrent writer.
 */
export async function lockItem(manager: EntityManager, itemId: number, version: number): Promise<Item> {
  const item = await manager.getRepository(Item).findOneBy({ id: itemId });
  if (!item) throw conflict(`事项不存在:${itemId}`);
  if (item.version !== version) throw staleVersion(item.version);
  return item;
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
