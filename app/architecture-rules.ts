import path from "node:path";
import ts from "typescript";

/**
 * The rule "every loader and action starts with a guard", as a function: app/architecture.test.ts
 * runs it on every route module, and its mutation test shows it reports a route without a guard.
 * Parsed with the TypeScript compiler, so that every form of export is seen, not the forms a
 * regular expression knows.
 */

/** The exported route handlers that run on the server for a request. */
const HANDLERS = ["loader", "action"] as const;
type Handler = (typeof HANDLERS)[number];

export type GuardModule = {
  /** Absolute path of the guards module, without its extension. */
  path: string;
  /** Its guards: the functions it exports whose name starts with "require". */
  guards: ReadonlySet<string>;
};

export type RouteCheck = {
  /** The handlers the module exports. */
  checked: Handler[];
  /** One line per handler that does not start with a guard, saying what it starts with. */
  violations: string[];
};

type FunctionLike = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression;

const parse = (fileName: string, text: string) =>
  ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );

const hasExportModifier = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** The guards of a guards module: its exported functions (declared or `export {}`-ed) named require…. */
export function guardModule(modulePath: string, text: string): GuardModule {
  const source = parse(modulePath, text);
  const exported = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && hasExportModifier(statement)) {
      exported.add(statement.name.text);
    } else if (ts.isVariableStatement(statement) && hasExportModifier(statement)) {
      for (const declaration of statement.declarationList.declarations)
        if (ts.isIdentifier(declaration.name)) exported.add(declaration.name.text);
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      for (const element of statement.exportClause.elements) exported.add(element.name.text);
    }
  }
  return {
    path: modulePath.replace(/\.tsx?$/, ""),
    guards: new Set([...exported].filter((name) => /^require[A-Z]/.test(name))),
  };
}

/** How the module can call a guard: names imported from the guards module, and namespace imports of it. */
function guardBindings(source: ts.SourceFile, fileName: string, guards: GuardModule) {
  const named = new Set<string>();
  const namespaces = new Set<string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) continue;
    const specifier = statement.moduleSpecifier.text;
    if (!specifier.startsWith(".")) continue;
    const resolved = path.resolve(path.dirname(fileName), specifier).replace(/\.(tsx?|js)$/, "");
    if (resolved !== guards.path) continue;
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        const imported = (element.propertyName ?? element.name).text;
        if (!element.isTypeOnly && guards.guards.has(imported)) named.add(element.name.text);
      }
    }
  }
  return { named, namespaces };
}

/** Module-level functions, by name: `function f() {}` and `const f = () => {}` / `function () {}`. */
function localFunctions(source: ts.SourceFile): Map<string, ts.Node> {
  const functions = new Map<string, ts.Node>();
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) functions.set(statement.name.text, statement);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations)
        if (ts.isIdentifier(declaration.name) && declaration.initializer)
          functions.set(declaration.name.text, declaration.initializer);
    }
  }
  return functions;
}

const unwrap = (expression: ts.Expression): ts.Expression => {
  let current = expression;
  while (
    ts.isAwaitExpression(current) ||
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current)
  )
    current = current.expression;
  return current;
};

const isFunctionLike = (node: ts.Node): node is FunctionLike =>
  ts.isFunctionDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node);

/** The expression a function starts with: its first statement's call, or an arrow function's body. */
function firstExpression(fn: FunctionLike): ts.Expression | null {
  const body = fn.body;
  if (!body) return null;
  if (!ts.isBlock(body)) return body;
  const first = body.statements[0];
  if (!first) return null;
  if (ts.isExpressionStatement(first) || ts.isReturnStatement(first)) return first.expression ?? null;
  if (ts.isVariableStatement(first)) return first.declarationList.declarations[0]?.initializer ?? null;
  return null;
}

const shortText = (node: ts.Node | null) => (node ? node.getText().split("\n")[0].slice(0, 100) : "(nothing)");

/**
 * Checks one route module: every exported loader and action, whatever the form of its export, is a
 * function whose first statement calls a guard of the guards module (directly, or through a
 * function of the same module that itself starts with one). Re-exports from another module are
 * refused: the guard would not be visible where the route is.
 */
export function checkRouteGuards(fileName: string, text: string, guards: GuardModule): RouteCheck {
  const source = parse(fileName, text);
  const bindings = guardBindings(source, fileName, guards);
  const functions = localFunctions(source);
  const checked: Handler[] = [];
  const violations: string[] = [];
  const name = path.basename(fileName);

  const isGuardCall = (expression: ts.Expression | null, seen: Set<string>): boolean => {
    if (!expression) return false;
    const call = unwrap(expression);
    if (!ts.isCallExpression(call)) return false;
    const callee = call.expression;
    if (ts.isIdentifier(callee)) {
      if (bindings.named.has(callee.text)) return true;
      const local = functions.get(callee.text);
      if (!local || seen.has(callee.text) || !isFunctionLike(local)) return false;
      return isGuardCall(firstExpression(local), new Set([...seen, callee.text]));
    }
    return (
      ts.isPropertyAccessExpression(callee) &&
      ts.isIdentifier(callee.expression) &&
      bindings.namespaces.has(callee.expression.text) &&
      guards.guards.has(callee.name.text)
    );
  };

  const checkFunction = (handler: Handler, node: ts.Node | undefined) => {
    checked.push(handler);
    if (!node || !isFunctionLike(node)) {
      violations.push(`${name} ${handler}: not a function declared in the module (${shortText(node ?? null)})`);
      return;
    }
    const first = firstExpression(node);
    if (!isGuardCall(first, new Set())) violations.push(`${name} ${handler}: starts with ${shortText(first)}`);
  };

  const isHandler = (value: string): value is Handler => (HANDLERS as readonly string[]).includes(value);

  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && hasExportModifier(statement)) {
      if (isHandler(statement.name.text)) checkFunction(statement.name.text, statement);
    } else if (ts.isVariableStatement(statement) && hasExportModifier(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && isHandler(declaration.name.text))
          checkFunction(declaration.name.text, declaration.initializer);
      }
    } else if (ts.isExportDeclaration(statement)) {
      if (!statement.exportClause) {
        violations.push(`${name}: \`${shortText(statement)}\` may re-export a loader or an action`);
        continue;
      }
      if (!ts.isNamedExports(statement.exportClause)) continue;
      for (const element of statement.exportClause.elements) {
        if (!isHandler(element.name.text)) continue;
        if (statement.moduleSpecifier) {
          checked.push(element.name.text);
          violations.push(`${name} ${element.name.text}: re-exported from another module`);
          continue;
        }
        checkFunction(element.name.text, functions.get((element.propertyName ?? element.name).text));
      }
    }
  }
  return { checked, violations };
}
