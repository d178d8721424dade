// The words of the plan's main list, shared by its first page and the next ones.
export const PLAN_LIST = {
  heading: 'Programmation prévisionnelle des achats',
  lead:
    'Ce que les acheteurs du territoire prévoient d’acheter dans les mois qui viennent, trimestre par trimestre : ' +
    'de quoi préparer une candidature avant la publication de l’avis. Un achat lancé renvoie à son avis.',
  empty: 'Aucun achat prévu n’est annoncé pour le moment.',
  breadcrumb: [{ href: '/', label: 'Accueil' }],
};
