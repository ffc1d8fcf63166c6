/**
 * Static guarantees of web/: no HTML-string sinks anywhere (document text always goes in as text),
 * no inline script or style in the page, only same-origin assets.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';

const WEB = fileURLToPath(new URL('../../web/', import.meta.url));
const scripts = readdirSync(WEB).filter((f) => f.endsWith('.js'));

describe('web/ static checks', () => {
  it.each(scripts)('%s uses no HTML-string sink or eval', (file) => {
    const src = readFileSync(join(WEB, file), 'utf8');
    for (const sink of ['innerHTML', 'outerHTML', 'insertAdjacentHTML', 'document.write', 'eval(', 'new Function', 'setAttribute(\'style\'', 'DOMParser', 'createContextualFragment']) {
      expect(src.includes(sink), `${file} contains ${sink}`).toBe(false);
    }
  });

  it('index.html has no inline script, inline handler, style attribute or external URL', () => {
    const html = readFileSync(join(WEB, 'index.html'), 'utf8');
    const scriptTags = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scriptTags.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scriptTags) {
      expect(attrs).toMatch(/\bsrc="\/web\/[a-z-]+\.js"/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });

  it('every module import resolves to a file in web/', () => {
    for (const file of scripts) {
      const src = readFileSync(join(WEB, file), 'utf8');
      for (const m of src.matchAll(/from '(\.[^']+)'/g)) expect(scripts, `${file} imports ${m[1]}`).toContain(m[1]!.replace('./', ''));
    }
  });
});
