/**
 * WCAG 2.x contrast check run inside the page: every visible element with its own text is measured
 * against the first opaque background behind it (AA: 4.5:1, or 3:1 for large text).
 */
import type { Page } from 'playwright-core';

/** One element whose text falls short. */
export interface ContrastFailure {
  text: string;
  color: string;
  background: string;
  ratio: number;
  required: number;
}

/** Measure every visible text element under `rootSelector`. */
export async function contrastFailures(page: Page, rootSelector: string): Promise<{ checked: number; failures: ContrastFailure[] }> {
  return page.evaluate((sel) => {
    const parse = (c: string): [number, number, number, number] => {
      const m = /rgba?\(([^)]+)\)/.exec(c);
      if (!m) return [0, 0, 0, 0];
      const p = m[1]!.split(/[,\s/]+/).filter(Boolean).map(Number);
      return [p[0]!, p[1]!, p[2]!, p.length > 3 ? p[3]! : 1];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const backgroundOf = (el: Element | null): [number, number, number, number] => {
      for (let e = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg[3] >= 0.99) return bg;
      }
      return [255, 255, 255, 1];
    };
    const failures: Array<{ text: string; color: string; background: string; ratio: number; required: number }> = [];
    let checked = 0;
    for (const root of Array.from(document.querySelectorAll(sel))) {
      for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
        const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
        if (!own || !(el instanceof HTMLElement) || !el.getClientRects().length) continue;
        const cs = getComputedStyle(el);
        if (cs.visibility === 'hidden' || el.closest('[hidden]') || el.closest('.visually-hidden')) continue;
        const fg = parse(cs.color);
        const bg = backgroundOf(el);
        // Blend a translucent text colour over its background.
        const c = fg[3] < 1 ? [0, 1, 2].map((i) => fg[i]! * fg[3] + bg[i]! * (1 - fg[3])) : fg;
        const l1 = lum(c);
        const l2 = lum(bg);
        const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
        const size = parseFloat(cs.fontSize);
        const bold = Number(cs.fontWeight) >= 700;
        const required = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
        checked++;
        if (ratio < required) failures.push({ text: el.textContent!.trim().slice(0, 40), color: cs.color, background: `rgb(${bg.slice(0, 3).join(', ')})`, ratio: Math.round(ratio * 100) / 100, required });
      }
    }
    return { checked, failures };
  }, rootSelector);
}
