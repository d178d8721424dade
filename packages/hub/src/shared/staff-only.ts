import { Authorized, Mutation, Query } from 'type-graphql';
import type { StaffRole } from '../staff/staff-role.js';

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

export function StaffQuery(
  returns: ReturnTypeFunc,
  options: StaffFieldOptions,
): MethodDecorator {
  const roles = options.roles ?? [];
  return (target, key, descriptor) => {
    Authorized(...roles)(target, key, descriptor);
    Query(returns, { description: staffDescription(options.description, roles), nullable: options.nullable, complexity: options.complexity })(
      target,
      key,
      descriptor,
    );
  };
}

export function StaffMutation(
  returns: ReturnTypeFunc,
  options: StaffFieldOptions,
): MethodDecorator {
  const roles = options.roles ?? [];
  return (target, key, descriptor) => {
    Authorized(...roles)(target, key, descriptor);
    Mutation(returns, { description: staffDescription(options.description, roles), nullable: options.nullable })(
      target,
      key,
      descriptor,
    );
  };
}
