import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { badInput } from './errors.js';

@ObjectType({ simpleResolvers: true, description: 'Relay page information.' })
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

export interface PageRequest {
  offset: number;
  limit: number;
}

const CURSOR_PREFIX = 'o:';

export function encodeCursor(offset: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${offset}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const offset = Number(decoded.slice(CURSOR_PREFIX.length));
  if (!decoded.startsWith(CURSOR_PREFIX) || !Number.isSafeInteger(offset) || offset < 0) {
    throw badInput('after', 'Le champ after n’est pas un curseur valide.');
  }
  return offset;
}

export function pageRequest(first: number, after: string | null | undefined, maxFirst: number): PageRequest {
  if (!Number.isInteger(first) || first < 0 || first > maxFirst) {
    throw badInput('first', `Le champ first doit valoir de 0 à ${maxFirst}.`);
  }
  return { offset: after ? decodeCursor(after) + 1 : 0, limit: first };
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number;
}

export function toConnection<T>(nodes: T[], page: PageRequest, totalCount: number): Connection<T> {
  const edges = nodes.map((node, index) => ({ cursor: encodeCursor(page.offset + index), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: page.offset + nodes.length < totalCount,
      hasPreviousPage: page.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Builds the Relay connection and edge object types for a node type. */
export function ConnectionType<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => String) cursor!: string;
    @Field(() => node) node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class ConnectionClass {
    @Field(() => [Edge]) edges!: Edge[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'Number of nodes matching the filter, over every page.' }) totalCount!: number;
  }
  return ConnectionClass;
}
