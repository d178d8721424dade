import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { badInputs, type FieldProblem } from '../shared/errors.js';
import { textInputProblem } from '../shared/text-input.js';

/** Scalars whose values are never strings once coerced: nothing to check in them. */
const NON_TEXT_SCALARS = new Set(['Int', 'Float', 'Boolean', 'DateTime']);

/**
 * Applies the text rule (shared/text-input.ts) to EVERY text argument of the API, in one place: each field of the
 * schema that takes a String or ID (directly, in a list, or anywhere inside an input type) has its resolver wrapped
 * so that its coerced arguments are checked before anything runs; every refused text is listed at once, named by
 * its path (`title`, `lots[1].title`, `filter.text`; the fields of an argument called `input` are named without
 * it, as the services name them). Fields without text arguments are left as they are, at no cost.
 */
export function guardTextArguments(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const textArgs = field.args.filter((arg) => holdsText(arg.type, new Set()));
      if (textArgs.length === 0) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args: Record<string, unknown>, context, info) => {
        const problems: FieldProblem[] = [];
        for (const arg of textArgs) collect(args[arg.name], arg.type, arg.name === 'input' ? '' : arg.name, problems);
        if (problems.length > 0) throw badInputs(problems);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

function holdsText(type: GraphQLInputType, seen: Set<string>): boolean {
  const named = getNamedType(type);
  if (isScalarType(named)) return !NON_TEXT_SCALARS.has(named.name);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => holdsText(field.type, seen));
}

function collect(value: unknown, type: GraphQLInputType, path: string, problems: FieldProblem[]): void {
  if (value === null || value === undefined) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    if (Array.isArray(value)) value.forEach((item, index) => collect(item, inner.ofType, `${path}[${index}]`, problems));
    return;
  }
  if (isInputObjectType(inner)) {
    for (const [name, field] of Object.entries(inner.getFields())) {
      collect((value as Record<string, unknown>)[name], field.type, path ? `${path}.${name}` : name, problems);
    }
    return;
  }
  if (typeof value !== 'string') return;
  const problem = textInputProblem(value);
  if (problem) problems.push({ field: path, code: 'FORBIDDEN_CHARACTER', message: `Le champ ${path} ${problem}.` });
}
