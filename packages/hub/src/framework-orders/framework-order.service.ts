import type { EntityManager } from '@mikro-orm/sqlite';
import type { Actor } from '../shared/actor.js';
import { canManageFor, canReadPrivateOf } from '../auth/access-policy.js';
import { recordAudit } from '../audit/audit-log.js';
import { recordEvent } from '../events/domain-events.js';
import { validate } from '../notices/notice-validation.js';
import { Notice } from '../notices/notice.entity.js';
import type { Clock } from '../shared/clock.js';
import { InputProblems, badInput, forbidden, notFound, unauthenticated } from '../shared/errors.js';
import { frameworkConsumption, frameworkLotProblem, frameworkOrderProblem } from './framework-consumption.js';
import { FrameworkOrder } from './framework-order.entity.js';
import type { FrameworkOrderInput } from './framework-order.inputs.js';

type ServiceContext = { em: EntityManager; actor: Actor | null; clock: Clock };

/** Records what is ordered under a framework agreement, so its consumption against the maximum is public. */
export class FrameworkOrderService {
  constructor(private readonly ctx: ServiceContext) {}

  async record(noticeReference: string, input: FrameworkOrderInput): Promise<FrameworkOrder> {
    const actor = this.ctx.actor;
    if (!actor) throw unauthenticated();
    return this.ctx.em.transactional(async (em) => {
      const notice = await em.findOne(Notice, { reference: noticeReference.trim() }, { populate: ['lots', 'lots.award'] });
      if (!notice || (notice.status === 'DRAFT' && !canReadPrivateOf(actor, notice.organisation.id))) {
        throw notFound(`La consultation ${noticeReference}`);
      }
      if (!canManageFor(actor, notice.organisation.id)) throw forbidden('Vous ne pouvez pas enregistrer de commandes pour cette organisation.');
      const now = this.ctx.clock.now();
      const lots = notice.lots.getItems();
      const lot = lots.find((candidate) => candidate.number === input.lotNumber);
      const award = lot?.award?.getEntity();
      const lotProblem = frameworkLotProblem({
        isFramework: notice.frameworkAgreement,
        lot: lot && { status: lot.status, awardedOn: award?.awardedOn ?? null, supplierSiret: award?.supplierSiret ?? null },
      });
      if (lotProblem) throw badInput(lotProblem.field, lotProblem.message);
      const problems = new InputProblems();
      const checked = {
        reference: problems.check(() => validate.title(input.reference, 'reference')),
        supplierName: problems.check(() => validate.title(input.supplierName, 'supplierName')),
        supplierSiret: problems.check(() => validate.siret(input.supplierSiret)),
        amount: problems.check(() => validate.requiredAmount(input.amount, 'amount')),
        // An order is a past fact, on or after the award of its lot.
        orderedOn: problems.check(() => validate.orderedOn(input.orderedOn, award?.awardedOn ?? null, now)),
      };
      if (checked.reference !== undefined && checked.reference.length > 60) {
        problems.add('reference', `Le champ reference ne peut dépasser 60 caractères (${checked.reference.length}).`);
      }
      problems.throwIfAny();
      const values = {
        lotNumber: input.lotNumber,
        reference: checked.reference!,
        supplierName: checked.supplierName!,
        supplierSiret: checked.supplierSiret!,
        amount: checked.amount!,
        orderedOn: checked.orderedOn!,
      };
      if (await em.count(FrameworkOrder, { notice, reference: values.reference })) {
        throw badInput('reference', `La commande ${values.reference} est déjà enregistrée pour cet accord-cadre.`);
      }
      const orders = await em.find(FrameworkOrder, { notice });
      const problem = frameworkOrderProblem({
        isFramework: notice.frameworkAgreement,
        lot: lot && { status: lot.status, awardedOn: award?.awardedOn ?? null, supplierSiret: award?.supplierSiret ?? null },
        singleSupplier: notice.frameworkSupplierMode === 'SINGLE',
        supplierSiret: values.supplierSiret,
        orderedOn: values.orderedOn,
        amount: values.amount,
        consumption: frameworkConsumption({
          maximumAmount: notice.frameworkMaximumAmount,
          awardAmounts: lots.map((candidate) => candidate.award?.getEntity().amount ?? null),
          orderAmounts: orders.map((order) => order.amount),
        }),
      });
      if (problem) throw badInput(problem.field, problem.message);
      const order = em.create(FrameworkOrder, { notice, ...values });
      recordAudit(em, actor, 'recordFrameworkOrder', { entityType: 'FrameworkOrder', entityId: order.id }, {
        reference: notice.reference,
        order: values.reference,
      });
      recordEvent(em, 'framework.ordered', { reference: notice.reference, order: values.reference }, now);
      return order;
    });
  }
}
