import { registerEnumType } from 'type-graphql';

export const NOTICE_SORTS = ['DEADLINE_ASC', 'DEADLINE_DESC', 'PUBLISHED_DESC', 'PUBLISHED_ASC'] as const;
export type NoticeSort = (typeof NOTICE_SORTS)[number];

export const NoticeSortEnum = Object.fromEntries(NOTICE_SORTS.map((sort) => [sort, sort])) as { [K in NoticeSort]: K };
registerEnumType(NoticeSortEnum, {
  name: 'NoticeSort',
  description: 'DEADLINE_ASC: soonest deadline first; PUBLISHED_DESC: latest published first.',
});
