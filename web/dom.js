// @ts-check
/**
 * DOM building without HTML strings. Every piece of text goes in through a text node
 * (textContent semantics), so document text can never become markup or script.
 * This module is the only place that creates elements; nothing in web/ parses HTML strings.
 */

/**
 * Create an element.
 * @param {string} tag
 * @param {Record<string, unknown> | null} [props] attributes; `class`, `dataset`, `on<Event>` handlers,
 *   `hidden`, `disabled`, `checked`, `value`, `selected` are set as properties; `style` is not accepted
 *   (set element.style from code instead).
 * @param {...(Node | string | number | null | undefined | false | Array<Node | string | null | undefined | false>)} children
 * @returns {HTMLElement}
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') el.className = String(value);
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2).toLowerCase(), /** @type {EventListener} */ (value));
      else if (key === 'hidden' || key === 'disabled' || key === 'checked' || key === 'selected' || key === 'value' || key === 'open') {
        // @ts-ignore - property assignment by name
        el[key] = value;
      } else if (key === 'style') throw new Error('h(): set element.style from code, not a style attribute');
      else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/**
 * Append children: strings and numbers become text nodes.
 * @param {Node} parent
 * @param {unknown[]} children
 */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/**
 * Replace all children of an element.
 * @param {Element} el
 * @param {...unknown} children
 */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/**
 * Shorthand for document.getElementById that throws when the element is missing.
 * @param {string} id
 * @returns {HTMLElement}
 */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}

/**
 * Split text into plain and marked pieces by [start, end) ranges (overlaps merged, first wins).
 * Returns text nodes and <mark> elements; the text goes in as text.
 * @param {string} text
 * @param {Array<{start: number, end: number, class: string, title?: string}>} ranges
 * @returns {Node[]}
 */
export function markRanges(text, ranges) {
  const sorted = ranges
    .filter((r) => Number.isInteger(r.start) && Number.isInteger(r.end) && r.end > r.start && r.start >= 0 && r.end <= text.length)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  /** @type {Node[]} */
  const out = [];
  let at = 0;
  for (const r of sorted) {
    if (r.start < at) continue;
    if (r.start > at) out.push(document.createTextNode(text.slice(at, r.start)));
    out.push(h('mark', { class: r.class, title: r.title }, text.slice(r.start, r.end)));
    at = r.end;
  }
  if (at < text.length) out.push(document.createTextNode(text.slice(at)));
  return out;
}

/**
 * Find the words of `needle` in `text` (case-insensitive, whitespace-tolerant). Returns [start, end) or null.
 * @param {string} text
 * @param {string | undefined} needle
 * @returns {{start: number, end: number} | null}
 */
export function findWords(text, needle) {
  if (!needle) return null;
  const trimmed = needle.trim();
  if (!trimmed) return null;
  const i = text.toLowerCase().indexOf(trimmed.toLowerCase());
  if (i >= 0) return { start: i, end: i + trimmed.length };
  const words = trimmed.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const m = new RegExp(words.join('\\s+'), 'i').exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}
