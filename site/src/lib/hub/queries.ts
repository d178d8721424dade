// The public fields the site shows. Staff, drafts and anything private are not in the public schema at all; this
// list only decides what one build downloads.

const CPV = 'code label';

export const NOTICE_FIELDS = `
  reference title description status isOpen
  organisation { siren slug name kind inseeCode }
  nature procedure
  mainCpv { ${CPV} }
  additionalCpvs { ${CPV} }
  family { slug name }
  estimatedValue
  placeOfPerformance { inseeCode name slug }
  submissionDeadline publishedAt closedAt
  buyerProfileUrl contactEmail
  socialClause environmentalClause reservedFor
  frameworkAgreement {
    maximumAmount durationMonths supplierMode consumedAmount remainingAmount consumptionMethod
    orders { reference lotNumber orderedOn supplierName amount }
  }
  purchasingGroup { subject coordinator { slug name } members { slug name } }
  lots {
    number title cpv { ${CPV} } estimatedValue status unsuccessfulReason
    award { supplierName supplierSiret sme supplierCommune amount awardedOn }
  }
  corrigenda { publishedAt reason changes { field label before after } }
  cancelledAt cancellationReason updatedAt
  plannedPurchase { reference publishedAt }
  publicity { level label explanation }
`;

export const PUBLIC_STATUSES = ['PUBLISHED', 'CLOSED', 'AWARDED', 'UNSUCCESSFUL', 'CANCELLED'] as const;

export const NOTICES_PAGE_QUERY = `
  query SiteNotices($first: Int!, $after: String, $statuses: [NoticeStatus!]) {
    notices(filter: { statuses: $statuses }, sort: DEADLINE_ASC, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { ${NOTICE_FIELDS} } }
    }
  }
`;

export const REFERENCE_DATA_QUERY = `
  query SiteReferenceData {
    organisations { siren slug name kind inseeCode population }
    communes { inseeCode name slug postalCodes population organisation { slug } }
    purchasingFamilies { slug name description cpvPrefixes }
  }
`;

export const NOTICE_QUERY = `
  query SiteNotice($reference: String!) {
    notice(reference: $reference) { ${NOTICE_FIELDS} }
  }
`;
