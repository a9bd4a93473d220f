/**
 * Loaded by Cucumber (requireModule) before the user's TypeScript step files, in the main process and in
 * every parallel worker: compiles each `.ts`/`.cts` file to CommonJS with the TypeScript the user's
 * project has installed (types are the user's editor's job; here only the JavaScript matters). Nothing of
 * the harness itself runs through it: the package ships compiled JavaScript.
 */
import { readFileSync } from 'node:fs';

interface TypeScriptApi {
  transpileModule(source: string, options: { fileName: string; compilerOptions: Record<string, unknown> }): { outputText: string };
  ModuleKind: { CommonJS: number };
  ScriptTarget: { ES2022: number };
}

type Loader = (module: { _compile(code: string, filename: string): void }, filename: string) => void;

function loadTypeScript(): TypeScriptApi {
  try {
    return require(require.resolve('typescript', { paths: [process.cwd()] })) as TypeScriptApi;
  } catch {
    throw new Error('your step files are TypeScript, but this project has no `typescript` package: run `npm install --save-dev typescript` (or write the steps in JavaScript)');
  }
}

const extensions = require.extensions as unknown as Record<string, Loader | undefined>;
// Under ts-node (this repository's own development runs) .ts is already handled.
if (extensions['.ts'] === undefined) {
  const ts = loadTypeScript();
  const compile: Loader = (module, filename) => {
    const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true, inlineSources: true },
    });
    module._compile(outputText, filename);
  };
  extensions['.ts'] = compile;
  extensions['.cts'] = compile;
}
