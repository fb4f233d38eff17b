/**
 * The error codes each route's handler can throw, found by reading the server's code with the
 * TypeScript compiler: from each handler (the object returned by a module's `…Handlers` function in
 * server/src/modules/<capability>/routes.ts), every function it refers to inside server/src is
 * followed, and every `new AppError(code)` reached is collected — with the code's type, so a
 * variable holding one of several literal codes counts as all of them.
 *
 * It over-approximates (every branch counts) and cannot see through calls made via an interface
 * (deps.wechat.…): those codes are declared by hand and caught at run time by the strict contract
 * check in shared/http.ts. tests/domain/route-errors.test.ts compares it with the contracts.
 */
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '..', '..');
const serverSrc = path.join(root, 'server', 'src');
const modulesDir = path.join(serverSrc, 'modules');

function loadProgram(): ts.Program {
  const configPath = path.join(root, 'tsconfig.json');
  const config: unknown = ts.readConfigFile(configPath, (file) => ts.sys.readFile(file)).config;
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const roots = parsed.fileNames.filter((file) => file.startsWith(serverSrc));
  return ts.createProgram(roots, { ...parsed.options, noEmit: true });
}

const isOurs = (node: ts.Node) => node.getSourceFile().fileName.startsWith(serverSrc);

/** The string literal types a code expression can have ('A' | 'B' → [A, B]). */
function literalCodes(checker: ts.TypeChecker, expression: ts.Expression): string[] {
  const type = checker.getTypeAtLocation(expression);
  const parts = type.isUnion() ? type.types : [type];
  return parts.filter((part) => part.isStringLiteral()).map((part) => part.value);
}

/** A function-like body to follow, for a symbol's declaration inside server/src. */
function followable(declaration: ts.Declaration): ts.Node | null {
  if (!isOurs(declaration)) return null;
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration)) return declaration.body ?? null;
  if (ts.isVariableDeclaration(declaration) && declaration.initializer) return declaration.initializer;
  if (ts.isPropertyAssignment(declaration)) return declaration.initializer;
  if (ts.isShorthandPropertyAssignment(declaration)) return null;
  return null;
}

/** More codes than any one site names: the code is typed as the whole catalogue (ErrorCode). */
const WIDE = 20;

const siteOf = (node: ts.Node) => {
  const file = node.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(node.getStart());
  return `${path.relative(root, file.fileName)}:${line + 1}`;
};

export interface HandlerErrors {
  byRoute: Map<string, Set<string>>;
  /**
   * `new AppError(code)` sites whose code is typed as any code (or a plain string): what they
   * throw cannot be read from the types, so each must be given a narrower type
   */
  wide: Set<string>;
}

export function handlerErrors(): HandlerErrors {
  const wide = new Set<string>();
  const program = loadProgram();
  const checker = program.getTypeChecker();
  const memo = new Map<ts.Node, Set<string>>();

  const collect = (start: ts.Node): Set<string> => {
    const cached = memo.get(start);
    if (cached) return cached;
    const codes = new Set<string>();
    memo.set(start, codes); // cycles see the set being filled
    const visit = (node: ts.Node) => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'AppError') {
        const [code] = node.arguments ?? [];
        if (code) {
          const found = literalCodes(checker, code);
          if (found.length === 0 || found.length > WIDE) wide.add(siteOf(node));
          else found.forEach((c) => codes.add(c));
        }
      }
      if (ts.isIdentifier(node)) {
        let symbol = checker.getSymbolAtLocation(node);
        if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
        for (const declaration of symbol?.declarations ?? []) {
          const body = followable(declaration);
          if (body && body !== start) collect(body).forEach((c) => codes.add(c));
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(start);
    return codes;
  };

  const byRoute = new Map<string, Set<string>>();
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(modulesDir) || !file.fileName.endsWith(`${path.sep}routes.ts`)) continue;
    const visit = (node: ts.Node) => {
      if (ts.isFunctionDeclaration(node) && node.name && /Handlers$/.test(node.name.text) && node.body) {
        node.body.forEachChild(function findReturn(child: ts.Node): void {
          if (ts.isReturnStatement(child) && child.expression && ts.isObjectLiteralExpression(child.expression)) {
            for (const property of child.expression.properties) {
              if (!property.name || !ts.isIdentifier(property.name)) continue;
              const handler = ts.isPropertyAssignment(property)
                ? property.initializer
                : ts.isMethodDeclaration(property)
                  ? property
                  : null;
              if (handler) byRoute.set(property.name.text, collect(handler));
            }
          } else if (!ts.isFunctionLike(child)) child.forEachChild(findReturn);
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { byRoute, wide };
}

if (require.main === module) {
  const { byRoute, wide } = handlerErrors();
  for (const [route, codes] of [...byRoute].sort()) console.log(route, [...codes].sort().join(' '));
  for (const site of wide) console.log('wide:', site);
}
