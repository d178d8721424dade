import { graphqlEnum } from '../shared/graphql-enums.js';

export const NOTICE_SORTS = ['DEADLINE_ASC', 'DEADLINE_DESC', 'PUBLISHED_DESC', 'PUBLISHED_ASC'] as const;
export type NoticeSort = (typeof NOTICE_SORTS)[number];

export const NoticeSortEnum = graphqlEnum(NOTICE_SORTS, {
  name: 'NoticeSort',
  description: 'DEADLINE_ASC: soonest deadline first; PUBLISHED_DESC: latest published first.',
});
