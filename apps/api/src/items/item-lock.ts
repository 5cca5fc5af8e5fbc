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

/** Writes fields of an item if its version is still `version`; the version column goes up by one. */
export async function saveItemVersioned(manager: EntityManager, item: Item, version: number, fields: Partial<Item>): Promise<Item> {
  const result = await manager
    .createQueryBuilder()
    .update(Item)
    .set(fields)
    .where('id = :id', { id: item.id })
    .andWhere('version = :version', { version })
    .execute();
  if (result.affected !== 1) {
    const current = await manager.getRepository(Item).findOneByOrFail({ id: item.id });
    throw staleVersion(current.version);
  }
  return manager.getRepository(Item).findOneByOrFail({ id: item.id });
}
