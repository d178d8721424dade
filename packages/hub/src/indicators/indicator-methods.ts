/** How each figure is computed, in French: the public site prints these beside the charts. */
export const INDICATOR_METHODS = {
  notices:
    'Avis publiés dans l’année (date de publication, heure de Paris), hors brouillons et hors procédures déclarées sans suite. Un avis de groupement de commandes compte pour son coordonnateur seulement.',
  amounts:
    'Montants attribués dans l’année (date de la décision d’attribution), en euros hors taxes, lot par lot ; les attributions sans montant connu sont écartées.',
  sustainability:
    'Part des avis, et des montants attribués, comportant une clause environnementale, une clause sociale ou réservés (handicap, insertion) ; « achat durable » : au moins l’un des trois. La cible est comparée à la part des avis.',
  suppliers:
    'Part des montants attribués à des PME, à des titulaires établis dans une commune de l’agglomération, ou dans le département (code INSEE de la commune du titulaire) ; un titulaire dont la taille ou la commune est inconnue ne compte pas.',
  savings:
    'Économies : pour chaque lot attribué dans l’année dont l’estimation est connue et publique, estimation moins montant attribué (hors taxes), additionnées ; taux = économies ÷ estimations de ces mêmes lots. Un montant attribué supérieur à l’estimation compte en négatif.',
} as const;
