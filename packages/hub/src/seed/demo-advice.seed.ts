import type { EntityManager } from '@mikro-orm/sqlite';
import { AdviceRequest } from '../advice/advice-request.entity.js';
import { AdviceService } from '../advice/advice.service.js';
import type { AdviceStage } from '../advice/advice-stages.js';
import type { Actor } from '../shared/actor.js';
import type { HubConfig } from '../shared/config.js';
import { StaffMember } from '../staff/staff-member.entity.js';

const DAY = 86_400_000;
const EXPERT = 'acheteur.agglo@demo.dracenie.example';

interface DemoStep {
  kind: 'message' | 'answer' | 'close' | 'publish';
  by: string;
  daysAgo: number;
  text?: string;
}

interface DemoAdvice {
  asker: string;
  daysAgo: number;
  stage: AdviceStage;
  familySlug: string;
  subject: string;
  question: string;
  attachments?: Array<{ label?: string; url: string }>;
  steps: DemoStep[];
  publish?: { title: string; question: string; answer: string };
}

/** A few requests in different states: closed and published, answered, awaiting its expert, late and unassigned. */
const DEMO_ADVICE: DemoAdvice[] = [
  {
    asker: 'acheteuse@demo.lemuy.example',
    daysAgo: 21,
    stage: 'DRAFTING',
    familySlug: 'informatique',
    subject: 'Cahier des charges pour le renouvellement des postes de la mairie',
    question: 'Nous renouvelons 25 postes de travail. Peut-on exiger une marque précise dans le CCTP pour rester compatibles avec nos logiciels ?',
    attachments: [{ label: 'Projet de CCTP', url: 'https://partage.demo.lemuy.example/cctp-postes.odt' }],
    steps: [
      { kind: 'message', by: EXPERT, daysAgo: 20, text: 'Quels logiciels imposent cette compatibilité ? Un éditeur l’exige-t-il par écrit ?' },
      { kind: 'message', by: 'acheteuse@demo.lemuy.example', daysAgo: 19, text: 'Le logiciel d’état civil, qui demande Windows 11 et 16 Go de mémoire.' },
      {
        kind: 'answer',
        by: EXPERT,
        daysAgo: 18,
        text:
          'Une marque ne peut être citée que si l’objet du marché le justifie, suivie de « ou équivalent » (article R2111-7). ' +
          'Décrivez plutôt les performances : système compatible avec le logiciel d’état civil, 16 Go de mémoire, garantie sur site de 3 ans.',
      },
      { kind: 'close', by: 'acheteuse@demo.lemuy.example', daysAgo: 17, text: 'Merci, le CCTP est corrigé.' },
    ],
    publish: {
      title: 'Peut-on imposer une marque de matériel informatique dans un CCTP ?',
      question: 'Une commune renouvelle ses postes de travail et voudrait imposer une marque pour rester compatible avec ses logiciels métiers.',
      answer:
        'Une marque ne peut être citée que si l’objet du marché le justifie, suivie de « ou équivalent » (article R2111-7 du code de la commande publique). ' +
        'Mieux vaut décrire les performances attendues : compatibilité avec le logiciel métier nommé, mémoire, garantie sur site.',
    },
  },
  {
    asker: 'acheteur@demo.draguignan.example',
    daysAgo: 9,
    stage: 'EXECUTION',
    familySlug: 'location-longue-duree',
    subject: 'Kilométrage dépassé sur les véhicules en location',
    question: 'Trois véhicules dépasseront le kilométrage prévu au contrat. Faut-il un avenant, et jusqu’à quel montant est-ce possible ?',
    steps: [
      {
        kind: 'answer',
        by: EXPERT,
        daysAgo: 7,
        text:
          'Une modification de faible montant est possible sans nouvelle procédure sous 10 % du montant initial pour un marché de fournitures ' +
          'et sous le seuil européen (article R2194-8). Préparez un avenant chiffrant le surcoût kilométrique.',
      },
    ],
  },
  {
    asker: 'acheteuse@demo.lorgues.example',
    daysAgo: 2,
    stage: 'SOURCING',
    familySlug: 'telephonie',
    subject: 'Trouver des opérateurs pour la fibre des écoles',
    question: 'Comment identifier les opérateurs capables de raccorder nos trois écoles à la fibre avant de lancer la consultation ?',
    steps: [],
  },
  {
    asker: 'acheteur@demo.vidauban.example',
    daysAgo: 12,
    stage: 'PROCEDURE',
    familySlug: 'restauration-collective',
    subject: 'Marché de repas pour la crèche',
    question: 'Notre crèche sert 40 repas par jour. Un MAPA suffit-il, et sur quelle durée ?',
    steps: [],
  },
];

export interface DemoAdviceSummary {
  requestsCreated: number;
}

/**
 * The demo's advice requests, played through the service at their dates so that due dates, answers and the overdue
 * list look real. Needs the demo staff and correspondents. Running it again changes nothing (by subject).
 */
export async function seedDemoAdvice(em: EntityManager, config: HubConfig, now: Date): Promise<DemoAdviceSummary> {
  const summary: DemoAdviceSummary = { requestsCreated: 0 };
  for (const demo of DEMO_ADVICE) {
    if (await em.count(AdviceRequest, { subject: demo.subject })) continue;
    const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
    const service = async (email: string, daysAgo: number) =>
      new AdviceService({ em: em.fork(), actor: await actorOf(em, email), clock: { now: () => at(daysAgo) }, config });
    const asker = await service(demo.asker, demo.daysAgo);
    const request = await asker.ask({
      stage: demo.stage,
      familySlug: demo.familySlug,
      subject: demo.subject,
      question: demo.question,
      attachments: demo.attachments ?? [],
    });
    for (const step of demo.steps) {
      const by = await service(step.by, step.daysAgo);
      if (step.kind === 'message') await by.postMessage(request.id, step.text!);
      if (step.kind === 'answer') await by.answer(request.id, step.text!);
      if (step.kind === 'close') await by.close(request.id, step.text ?? null);
    }
    if (demo.publish) await (await service(EXPERT, demo.steps.at(-1)?.daysAgo ?? 0)).publish(request.id, demo.publish);
    summary.requestsCreated++;
  }
  return summary;
}

async function actorOf(em: EntityManager, email: string): Promise<Actor> {
  const member = await em.findOneOrFail(StaffMember, { email });
  return { staffMemberId: member.id, organisationId: member.organisation.id, role: member.role, tokenHash: '' };
}
