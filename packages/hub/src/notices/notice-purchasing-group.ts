// The notice owns its tie to a groupement de commandes (Notice.purchasingGroup): purchasing-groups/ knows no notice.
import type { EntityManager } from '@mikro-orm/sqlite';
import { ref, type Ref } from '@mikro-orm/core';
import type { Notice } from './notice.entity.js';
import { AppError, badInput } from '../shared/errors.js';
import { groupCarrierProblem } from '../purchasing-groups/group-carrier.js';
import { PurchasingGroup } from '../purchasing-groups/purchasing-group.entity.js';

/**
 * The group a draft is carried by, after checking that the notice's organisation is its coordinator. A buyer of
 * another member is FORBIDDEN: the coordinator publishes on behalf of the members.
 */
export async function groupForNotice(
  em: EntityManager,
  notice: Notice,
  groupId: string | null,
): Promise<Ref<PurchasingGroup> | null> {
  if (groupId === null || groupId.trim() === '') return null;
  const group = await em.findOne(PurchasingGroup, { id: groupId.trim() }, { populate: ['members'] });
  if (!group) throw badInput('purchasingGroupId', `Aucun groupement de commandes n’a l’identifiant ${groupId}.`);
  assertCarrier(notice, group);
  return ref(group);
}

/** Checked again at publication: the group's coordinator may have changed since the draft was written. */
export async function assertGroupCarrier(em: EntityManager, notice: Notice): Promise<void> {
  if (!notice.purchasingGroup) return;
  const group = await em.findOneOrFail(PurchasingGroup, { id: notice.purchasingGroup.id }, { populate: ['members'] });
  assertCarrier(notice, group);
}

function assertCarrier(notice: Notice, group: PurchasingGroup): void {
  const problem = groupCarrierProblem(notice.organisation.id, {
    coordinatorId: group.coordinator.id,
    memberIds: group.members.getItems().map((member) => member.id),
  });
  if (problem) throw new AppError('FORBIDDEN', problem, { field: 'purchasingGroupId' });
}
