import { Authorized, Mutation, Query } from 'type-graphql';
import type { StaffRole } from './actor.js';

/**
 * Every field that needs a token is declared through these, so its description starts with STAFF_ONLY: the
 * privacy test walks the schema by introspection and treats every other root field as public.
 */
export const STAFF_ONLY = 'Staff only.';

type ReturnTypeFunc = Parameters<typeof Query>[0];
type StaffFieldOptions = { description: string; nullable?: boolean; roles?: StaffRole[]; complexity?: NonNullable<Parameters<typeof Query>[1]>['complexity'] };

function staffDescription(description: string, roles: StaffRole[]): string {
  const who = roles.length ? ` Roles: ${roles.join(', ')}.` : '';
  return `${STAFF_ONLY}${who} ${description}`;
}

function staffField(kind: typeof Query | typeof Mutation) {
  return (returns: ReturnTypeFunc, options: StaffFieldOptions): MethodDecorator => {
    const roles = options.roles ?? [];
    const field = { description: staffDescription(options.description, roles), nullable: options.nullable, complexity: options.complexity };
    return (target, key, descriptor) => {
      Authorized(...roles)(target, key, descriptor);
      kind(returns, field)(target, key, descriptor);
    };
  };
}

export const StaffQuery = staffField(Query);
export const StaffMutation = staffField(Mutation);
