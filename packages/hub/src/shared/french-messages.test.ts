import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * A staff member reads the hub's errors in GraphiQL: every message the hub writes for a client is French, only
 * `extensions.code` (and `field`) stay English. This reads the source instead of calling every path: each text
 * given to an error helper (`notFound`, `forbidden`, `badInput`, `new AppError`…), each `message:` of a field problem,
 * each `reason:` of a refused transition, each text returned by a `…Problem` rule and each message of a zod rule in
 * a file that raises our errors is checked for English words a French sentence never holds.
 */
const SRC = fileURLToPath(new URL('..', import.meta.url));

const ERROR_HELPERS = new Set(['notFound', 'forbidden', 'unauthenticated', 'badInput', 'unauthenticatedRequest']);
const ZOD_RULES = new Set(['min', 'max', 'email', 'url', 'refine', 'gt', 'gte', 'lt', 'lte', 'int', 'finite', 'multipleOf', 'length', 'regex', 'nonempty']);
/** Lower-case English words that no French message holds (field names such as `first` or `name` are left out). */
const ENGLISH = /\b(the|is|are|must|may|not|only|cannot|can|already|found|you|your|this|has|have|with|of|be|required|invalid|called|unknown|should|at most|between|sign in|too|needs|notice|its|leaves|links|than)\b/;

interface Message {
  where: string;
  text: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' || entry.name === 'migrations' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.includes('fixtures') ? [path] : [];
  });
}

/** The literal parts of a message expression: string literals and the fixed parts of template literals. */
function literalParts(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].filter(Boolean);
  // A call inside a message (a label lookup, a helper) brings its own checked texts; its arguments are not message text.
  if (ts.isCallExpression(node)) return [];
  const parts: string[] = [];
  node.forEachChild((child) => void parts.push(...literalParts(child)));
  return parts;
}

function calleeName(expression: ts.Expression): string | null {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return null;
}

function messagesOf(file: string): Message[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const raisesOurErrors = text.includes("shared/errors.js'") || text.includes("'./errors.js'");
  const found: Message[] = [];
  const add = (node: ts.Node | undefined) => {
    if (!node) return;
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    for (const part of literalParts(node)) found.push({ where: `${relative(SRC, file)}:${line + 1}`, text: part });
  };
  let inProblemFunction = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = calleeName(node.expression);
      if (name && ERROR_HELPERS.has(name)) add(node.arguments[ts.isIdentifier(node.expression) && name !== 'badInput' ? 0 : 1]);
      if (name === 'add' && ts.isPropertyAccessExpression(node.expression) && /problems/i.test(node.expression.expression.getText())) {
        add(node.arguments[1]);
      }
      if (name && ZOD_RULES.has(name) && raisesOurErrors && ts.isPropertyAccessExpression(node.expression)) {
        for (const argument of node.arguments) if (ts.isStringLiteral(argument) || ts.isTemplateExpression(argument)) add(argument);
      }
    }
    if (ts.isNewExpression(node) && calleeName(node.expression) === 'AppError') add(node.arguments?.[1]);
    if (ts.isNewExpression(node) && calleeName(node.expression) === 'GraphQLError' && raisesOurErrors) add(node.arguments?.[0]);
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name)) {
      const siblings = ts.isObjectLiteralExpression(node.parent) ? node.parent.properties.map((p) => p.name?.getText()) : [];
      if (node.name.text === 'message' && (siblings.includes('field') || siblings.includes('ok'))) add(node.initializer);
      if (node.name.text === 'reason' && siblings.includes('ok')) add(node.initializer);
    }
    const isProblemFunction = ts.isFunctionDeclaration(node) && /Problems?$/.test(node.name?.text ?? '');
    if (isProblemFunction) inProblemFunction++;
    if (inProblemFunction > 0 && ts.isReturnStatement(node) && node.expression && !ts.isObjectLiteralExpression(node.expression)) {
      add(node.expression);
    }
    node.forEachChild(visit);
    if (isProblemFunction) inProblemFunction--;
  };
  visit(source);
  return found;
}

describe('the messages a client reads', () => {
  const messages = sourceFiles(SRC).flatMap(messagesOf);

  it('are found in the source (the scan reads what it should)', () => {
    expect(messages.length).toBeGreaterThan(150);
    expect(messages.map((message) => message.text)).toContain(' est introuvable.');
  });

  it('hold no English sentence', () => {
    const english = messages.filter((message) => ENGLISH.test(message.text)).map((message) => `${message.where}: ${message.text}`);
    expect(english).toEqual([]);
  });
});
