/**
 * The named operations the hub's GraphiQL opens with, one tab each, so a staff member starts from a working example
 * rather than a blank editor: sign in, draft and publish a notice, award a lot, ask for advice and answer it, the
 * reading requests that go with them, and sign out. The page (packages/hub/graphiql) bundles this module; a test
 * (graphiql-examples.test.ts) validates every operation and its variables against the hub's schema, so a change of
 * the schema that breaks an example fails the build instead of a staff member's first try.
 *
 * What a person reads here (comments, sample values) is in French; operation names are the tabs' titles.
 */
import { addCalendarDays, parisDateOf, startOfParisDay } from '../shared/paris-calendar.js';

export interface GraphiqlExample {
  /** One named operation, with a French comment saying what it does and what to change. */
  query: string;
  /** Sample values of its variables; the tab shows them as JSON. */
  variables?: Record<string, unknown>;
}

/** A tab as GraphiQL's `defaultTabs` prop takes it. */
export interface GraphiqlTab {
  query: string;
  variables: string | null;
}

/** What a first visit shows: public notices, readable without a token. */
export const PUBLIC_NOTICES_EXAMPLE = `# API GraphQL de Territoire Achats
#
# Les consultations publiées se lisent sans jeton :
# lancez la requête avec ▶ (ou Ctrl+Entrée).
#
# Agents : ouvrez l’onglet SeConnecter, mettez votre adresse
# et votre mot de passe dans « Variables » et lancez-le ;
# le jeton est ensuite envoyé tout seul
# (en-tête Authorization: Bearer …) jusqu’à son expiration
# ou jusqu’à SeDeconnecter.

query DernieresConsultations {
  notices(first: 10) {
    edges {
      node {
        reference
        title
      }
    }
  }
}
`;

/** YYYY-MM-DD in Paris, `days` days after the day of `now`. */
function parisDay(now: Date, days: number): string {
  return addCalendarDays(parisDateOf(now), days);
}

/** Noon in Paris, `days` days after the day of `now`, as an ISO instant. */
function parisNoon(now: Date, days: number): string {
  return new Date(startOfParisDay(parisDay(now, days)).getTime() + 12 * 3_600_000).toISOString().replace('.000Z', 'Z');
}

/**
 * The examples, in the order of the tabs. Dates in the sample values are counted from `now` (the page's load), so a
 * sample deadline is never already past.
 */
export function graphiqlExamples(now: Date): GraphiqlExample[] {
  return [
    { query: PUBLIC_NOTICES_EXAMPLE },
    {
      query: `# Connexion d’un agent : remplacez l’adresse et le mot de passe dans « Variables ».
# La réponse porte un jeton ; l’explorateur le garde jusqu’à son expiration
# et l’envoie avec chaque requête (en-tête Authorization: Bearer …).
mutation SeConnecter($email: String!, $password: String!) {
  login(email: $email, password: $password) {
    token
    expiresAt
  }
}
`,
      variables: { email: 'prenom.nom@mairie.fr', password: 'votre mot de passe' },
    },
    {
      query: `# Qui est connecté : le compte du jeton envoyé.
query MonCompte {
  me {
    name
    email
    role
    organisation {
      name
      siren
    }
  }
}
`,
    },
    {
      query: `# Rédiger une consultation : elle reste un brouillon, visible des seuls agents,
# jusqu’à sa publication. Gardez la référence rendue (ex. 2026-DRA-0001).
mutation RedigerConsultation($input: CreateNoticeInput!) {
  createNotice(input: $input) {
    reference
    status
    family {
      name
    }
    lots {
      number
      title
    }
  }
}
`,
      variables: {
        input: {
          title: 'Entretien des espaces verts communaux',
          description: 'Tonte, taille des haies et arrosage des espaces verts de la commune.',
          nature: 'SERVICES',
          procedure: 'ADAPTED',
          mainCpv: '77310000-6',
          estimatedValue: 45000,
          submissionDeadline: parisNoon(now, 40),
          electronicSubmission: true,
          buyerProfileUrl: 'https://marches.example/consultation/42',
          contactEmail: 'marches@mairie.example',
          lots: [{ title: 'Espaces verts', cpv: '77310000-6', estimatedValue: 45000 }],
        },
      },
    },
    {
      query: `# Publier un brouillon : mettez sa référence dans « Variables ».
# La consultation paraît alors sur le site public.
mutation PublierConsultation($reference: String!) {
  publishNotice(reference: $reference) {
    reference
    status
    publishedAt
    submissionDeadline
  }
}
`,
      variables: { reference: `${parisDay(now, 0).slice(0, 4)}-DRA-0001` },
    },
    {
      query: `# Attribuer un lot, une fois la date limite passée :
# le titulaire, son SIRET (14 chiffres) et le montant HT.
mutation AttribuerLot($reference: String!, $lotNumber: Int!, $input: AwardLotInput!) {
  awardLot(reference: $reference, lotNumber: $lotNumber, input: $input) {
    reference
    lots {
      number
      status
      award {
        supplierName
        amount
        awardedOn
      }
    }
  }
}
`,
      variables: {
        reference: `${parisDay(now, 0).slice(0, 4)}-DRA-0001`,
        lotNumber: 1,
        input: {
          supplierName: 'Provence Vert',
          supplierSiret: '73282932000074',
          sme: true,
          amount: 42000,
          awardedOn: parisDay(now, 0),
        },
      },
    },
    {
      query: `# Demander conseil à la direction de la commande publique de l’agglomération :
# l’étape de l’achat, la famille d’achats et la question.
# La demande va au correspondant de la famille dans la direction.
mutation DemanderConseil($input: AskAdviceInput!) {
  askAdvice(input: $input) {
    id
    reference
    state
    dueAt
    expert {
      name
    }
  }
}
`,
      variables: {
        input: {
          stage: 'PROCEDURE',
          familySlug: 'restauration-collective',
          subject: 'Choix de procédure pour la cantine',
          question: 'Pour 120 repas par jour pendant trois ans, faut-il un appel d’offres ou une procédure adaptée ?',
          wishedAnswerDate: parisDay(now, 7),
        },
      },
    },
    {
      query: `# Les demandes de conseil que vous pouvez lire, les plus urgentes d’abord :
# celles de votre organisation et celles dont vous êtes l’expert.
# Avec « mine: true », seulement les vôtres ; avec « overdue: true », celles en retard.
query MesDemandesDeConseil($filter: AdviceRequestFilter) {
  adviceRequests(filter: $filter, first: 20) {
    totalCount
    edges {
      node {
        id
        reference
        subject
        stageLabel
        state
        dueAt
        overdue
        organisation {
          name
        }
      }
    }
  }
}
`,
      variables: { filter: { states: ['SUBMITTED', 'ASSIGNED'] } },
    },
    {
      query: `# Lire une demande et son fil de messages : mettez sa référence dans « Variables ».
query DemandeDeConseil($reference: String!) {
  adviceRequest(reference: $reference) {
    id
    reference
    subject
    question
    state
    dueAt
    askedBy {
      name
    }
    expert {
      name
    }
    messages {
      kind
      body
      postedAt
      author {
        name
      }
    }
  }
}
`,
      variables: { reference: `CONSEIL-${parisDay(now, 0).slice(0, 4)}-0001` },
    },
    {
      query: `# Répondre à une demande dont vous êtes l’expert : mettez son id
# (rendu par DemanderConseil ou MesDemandesDeConseil) et la réponse.
mutation RepondreAuConseil($id: ID!, $body: String!) {
  answerAdviceRequest(id: $id, body: $body) {
    reference
    state
    firstAnsweredAt
  }
}
`,
      variables: {
        id: 'identifiant-de-la-demande',
        body: 'Votre réponse : la procédure conseillée, les seuils qui s’appliquent et pourquoi.',
      },
    },
    {
      query: `# Chercher dans la base de connaissances (questions et réponses anonymisées)
# avant de poser une question : par mots, étape et famille.
query ChercherUneReponse($search: KnowledgeSearchInput) {
  knowledgeEntries(search: $search, first: 10) {
    totalCount
    edges {
      node {
        title
        stageLabel
        question
        answer
      }
    }
  }
}
`,
      variables: { search: { text: 'cantine', stage: 'PROCEDURE' } },
    },
    {
      query: `# Se déconnecter : le jeton est révoqué et l’explorateur l’oublie.
mutation SeDeconnecter {
  logout
}
`,
    },
  ];
}

/** The examples as GraphiQL's tabs. */
export function graphiqlDefaultTabs(now: Date): GraphiqlTab[] {
  return graphiqlExamples(now).map((example) => ({
    query: example.query,
    variables: example.variables ? JSON.stringify(example.variables, null, 2) : null,
  }));
}
