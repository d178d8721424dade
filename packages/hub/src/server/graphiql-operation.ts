/**
 * Which operation the GraphiQL page asks the hub to run. GraphiQL reads the operation name of the query editor about
 * 100 ms after its text changes (a debounced parse), so a Run that follows a click on another tab at once (a quick
 * hand, Ctrl+Enter, a loaded machine) posts the new tab's document under the previous tab's operation name: the hub
 * then answers "Unknown operation named …", and running SeDeconnecter that way would leave the staff member signed
 * in. The page (packages/hub/graphiql/main.tsx) sends every request through this rule, tested in Node.
 */
import { Kind, parse, type OperationDefinitionNode } from 'graphql';

/**
 * The operation name to send with `query`: `operationName` when the document holds an operation of that name; when it
 * holds none of that name but exactly one operation, that operation's (undefined if it is anonymous), which is the
 * one the editor shows; otherwise `operationName` unchanged, so the hub says what is wrong (an unparsable document,
 * or several operations and none named).
 */
export function operationToRun(query: string, operationName: string | null | undefined): string | null | undefined {
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(query).definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  } catch {
    return operationName;
  }
  if (operationName && operations.some((operation) => operation.name?.value === operationName)) return operationName;
  const [only, ...others] = operations;
  if (only && others.length === 0) return only.name?.value;
  return operationName;
}
