/**
 * web/ is type-checked with the rest (issue 14 item 5): every page module opts in with `// @ts-check`
 * and carries JSDoc types, and the type-check run (`tsc --noEmit -p .`, part of `npm test`) includes it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB = join(ROOT, 'web');

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return jsFiles(full);
    return /\.m?js$/.test(name) ? [full] : [];
  });
}

describe('web/ in the type check', () => {
  it('every page module starts with // @ts-check', () => {
    const files = jsFiles(WEB);
    expect(files.length).toBeGreaterThan(10);
    const unchecked = files.filter((f) => !readFileSync(f, 'utf8').startsWith('// @ts-check\n')).map((f) => relative(ROOT, f));
    expect(unchecked).toEqual([]);
  });

  it('tsconfig.json includes web/ with JavaScript and the DOM library', () => {
    const config = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: { allowJs?: boolean; lib?: string[] }; include: string[] };
    expect(config.compilerOptions.allowJs).toBe(true);
    expect(config.compilerOptions.lib).toEqual(expect.arrayContaining(['DOM', 'DOM.Iterable']));
    expect(config.include).toContain('web/**/*.js');
  });

  it('no page module opts out of the checks', () => {
    const escapes = jsFiles(WEB).flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${relative(ROOT, f)}:${i + 1}` }))
        .filter((x) => /@ts-nocheck|@type \{any\}/.test(x.line))
        .map((x) => x.at),
    );
    expect(escapes).toEqual([]);
  });
});
