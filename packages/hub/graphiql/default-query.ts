// What a first visit shows: a public query that works without a token, and where the token goes when one is needed.
export const defaultQuery = `# API GraphQL de Territoire Achats
#
# Les consultations publiées se lisent sans jeton :
# lancez la requête avec ▶ (ou Ctrl+Entrée).
#
# Agents : collez votre jeton dans « Headers »,
# en bas : {"Authorization": "Bearer …"}

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
