import { deepFreeze } from './reference-file.js';

/**
 * A purchasing family (famille d'achats) and the CPV prefixes it claims. A CPV code belongs to the family whose
 * prefix is its longest match, so a family may carve a narrower prefix out of another's (school buses "34121" go
 * to transport although "341" vehicles go to leasing). No prefix is claimed twice.
 */
export type PurchasingFamilyDefinition = {
  readonly slug: string;
  readonly name: string;
  readonly description: string;
  /** Frozen: copy it (`[...cpvPrefixes]`) before storing it somewhere mutable. */
  readonly cpvPrefixes: string[];
};

// The ten families of the Dracénie article (bâtiments, nettoyage, espaces verts, transport…, and the purchasing
// groups' leasing, telephony and IT), completed with what an agglomeration and its communes buy most.
const FAMILIES: PurchasingFamilyDefinition[] = [
  {
    slug: 'batiments',
    name: 'Bâtiments',
    description:
      'Construction, rénovation et entretien des bâtiments publics : gros œuvre, second œuvre, équipements techniques et maîtrise d’œuvre.',
    // Building works, special trades, installation and completion work, demolition, asbestos and lead removal,
    // maintenance of building installations, architects.
    cpvPrefixes: ['4521', '4526', '453', '454', '45111', '9065', '9066', '507', '712'],
  },
  {
    slug: 'voirie-reseaux',
    name: 'Voirie et réseaux',
    description:
      'Travaux et entretien des routes, ouvrages d’art, réseaux d’eau et d’assainissement, éclairage public et signalisation.',
    // Earthworks, civil engineering, roads and pipelines, hydraulic works, public lighting, road equipment and
    // signs, their maintenance, sewers, snow and ice clearing.
    cpvPrefixes: ['451', '4522', '4523', '4524', '45316', '3492', '3499', '5023', '904', '9062', '9063'],
  },
  {
    slug: 'nettoyage',
    name: 'Prestations de nettoyage',
    description: 'Nettoyage des locaux, des vitres et des équipements, hygiène et désinfection, blanchisserie et produits d’entretien.',
    cpvPrefixes: ['9091', '9092', '9831', '3983'],
  },
  {
    slug: 'espaces-verts',
    name: 'Entretien des espaces verts',
    description:
      'Création et entretien des parcs, jardins, terrains de sport et arbres, débroussaillement, plantes et matériel de tonte.',
    // Horticultural services (green spaces, sports lawns, pruning), landscaping works, brush clearing, landscape
    // architects, plants and nursery products, mowers.
    cpvPrefixes: ['773', '451127', '4511122', '7142', '0312', '0345', '1631'],
  },
  {
    slug: 'transport',
    name: 'Transport',
    description: 'Transport scolaire et de voyageurs, transport de marchandises, location de véhicules avec chauffeur, autocars.',
    cpvPrefixes: ['601', '602', '34121', '50113'],
  },
  {
    slug: 'informatique',
    name: 'Informatique',
    description: 'Matériel informatique, logiciels, réseaux, hébergement, maintenance et services numériques.',
    // Computer equipment, software, IT services, networks, repair and installation of computers.
    cpvPrefixes: ['302', '48', '72', '324', '50312', '5032', '5161'],
  },
  {
    slug: 'telephonie',
    name: 'Téléphonie et télécommunications',
    description: 'Téléphonie fixe et mobile, accès aux réseaux de télécommunications, standards, terminaux et leur maintenance.',
    cpvPrefixes: ['642', '322', '325', '5033', '513', '45314'],
  },
  {
    slug: 'location-longue-duree',
    name: 'Location longue durée et véhicules',
    description: 'Location longue durée, crédit-bail et achat de véhicules, pièces détachées et entretien de la flotte.',
    cpvPrefixes: ['341', '66114', '343', '5011'],
  },
  {
    slug: 'restauration-collective',
    name: 'Restauration collective',
    description: 'Repas et denrées des cantines scolaires et des crèches, services de restauration, équipement de cuisine.',
    // Food by group, leaving out animal feed (157); fruit and vegetables; canteen, catering and meal services;
    // catering equipment and its maintenance.
    cpvPrefixes: ['151', '152', '153', '154', '155', '156', '158', '159', '032', '555', '5532', '3931', '5088'],
  },
  {
    slug: 'fournitures-administratives',
    name: 'Fournitures administratives et mobilier',
    description: 'Papeterie, fournitures et petit matériel de bureau, photocopieurs, mobilier et travaux d’impression.',
    cpvPrefixes: ['301', '228', '391', '798', '5031', '5162'],
  },
  {
    slug: 'energie',
    name: 'Énergie et fluides',
    description: 'Fourniture d’électricité, de gaz, de carburants et de combustibles, distribution d’eau, services d’efficacité énergétique.',
    cpvPrefixes: ['09', '65', '71314', '301631'],
  },
  {
    slug: 'assurances',
    name: 'Assurances',
    description: 'Assurance des bâtiments, de la flotte automobile, de la responsabilité civile et du personnel, courtage en assurances.',
    cpvPrefixes: ['665'],
  },
  {
    slug: 'dechets-proprete',
    name: 'Déchets et propreté urbaine',
    description: 'Collecte, transport, traitement et recyclage des déchets, balayage des rues, propreté des espaces publics.',
    // Waste services, urban cleanliness, refuse-collection vehicles, waste containers and bags.
    cpvPrefixes: ['905', '906', '341445', '446137', '446138', '19640'],
  },
];

deepFreeze(FAMILIES);
const prefixOwners = new Map(FAMILIES.flatMap((family) => family.cpvPrefixes.map((prefix) => [prefix, family] as const)));
const prefixesLongestFirst = [...prefixOwners.keys()].sort((a, b) => b.length - a.length);
const CODE_PATTERN = /^(\d{8})(?:-\d)?$/;

/** The purchasing families, in display order. */
export function listPurchasingFamilies(): readonly PurchasingFamilyDefinition[] {
  return FAMILIES;
}

export function getPurchasingFamily(slug: string): PurchasingFamilyDefinition | undefined {
  return FAMILIES.find((family) => family.slug === slug);
}

/**
 * The family of a CPV code ("45210000" or "45210000-2"; the check digit is not verified here, see
 * `CpvCatalogue.get`): the one claiming the longest prefix of the code, or undefined when none does.
 */
export function familyForCpv(code: string): PurchasingFamilyDefinition | undefined {
  const code8 = CODE_PATTERN.exec(code.trim())?.[1];
  if (!code8) return undefined;
  const prefix = prefixesLongestFirst.find((candidate) => code8.startsWith(candidate));
  return prefix === undefined ? undefined : prefixOwners.get(prefix);
}
