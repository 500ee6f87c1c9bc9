import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import ts from 'typescript';

// The API contracts (libs/read-models/src/**/*.contract.ts, alias @hub/contracts) are compiled by the gateway
// and by apps/web (DOM libs, bundled by Vite): they must stay type declarations that import nothing else.
const SOURCE = join(import.meta.dirname, '../../../../libs/read-models/src');
const BARREL = join(SOURCE, 'contracts.ts');

function contractFiles(dir: string = SOURCE): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return contractFiles(path);
    return entry.name.endsWith('.contract.ts') ? [path] : [];
  });
}

/** The JavaScript a file compiles to, without comments: only `export {};` for a types-only module. */
function emitted(path: string): string {
  const output = ts.transpileModule(readFileSync(path, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, removeComments: true, verbatimModuleSyntax: true },
  });
  return output.outputText.replace(/^\s*export \{\};\s*$/m, '').trim();
}

function importsOf(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022);
  return source.statements.flatMap((statement) =>
    (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)
      ? [statement.moduleSpecifier.text]
      : [],
  );
}

describe('API contracts', () => {
  const files = contractFiles();

  it('given the contract files, when listed, then there is one per API area', () => {
    expect(files.map((path) => relative(SOURCE, path)).sort()).toEqual(
      expect.arrayContaining(['cases/cases.contract.ts', 'referrals/referrals.contract.ts', 'clusters/clusters.contract.ts', 'annex/annex.contract.ts', 'common/common.contract.ts']),
    );
  });

  it('given each contract and the barrel, when compiled, then they emit no JavaScript', () => {
    for (const path of [...files, BARREL]) expect({ file: relative(SOURCE, path), code: emitted(path) }).toEqual({ file: relative(SOURCE, path), code: '' });
  });

  it('given each contract, when its imports are read, then it imports only other contracts, as types', () => {
    for (const path of files) {
      for (const specifier of importsOf(path)) expect({ file: relative(SOURCE, path), specifier }).toEqual({ file: relative(SOURCE, path), specifier: expect.stringMatching(/^\.\.?\/.*\.contract\.js$/) });
      expect(readFileSync(path, 'utf8')).not.toMatch(/^import (?!type )/m);
    }
  });

  it('given the barrel, when read, then it re-exports every contract file', () => {
    const exported = importsOf(BARREL).map((specifier) => join(SOURCE, specifier.replace(/\.js$/, '.ts'))).sort();
    expect(exported).toEqual([...files].sort());
  });
});
