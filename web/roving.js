// @ts-check
/**
 * Keyboard movement in long lists (sentences, register rows): the list is one Tab stop, arrow keys
 * move within it (roving tabindex), Home/End jump, Enter or Space activates the focused item.
 */

/**
 * @param {HTMLElement} container
 * @param {string} itemSelector
 * @param {(item: HTMLElement, event: Event) => void} onActivate
 */
export function attachRoving(container, itemSelector, onActivate) {
  const items = () => /** @type {HTMLElement[]} */ ([...container.querySelectorAll(itemSelector)]);

  /** @param {HTMLElement} item */
  const makeCurrent = (item) => {
    for (const el of container.querySelectorAll(`${itemSelector}[tabindex="0"]`)) {
      if (el !== item) el.setAttribute('tabindex', '-1');
    }
    item.setAttribute('tabindex', '0');
  };

  container.addEventListener('keydown', (e) => {
    const target = /** @type {HTMLElement} */ (e.target);
    const item = target.closest(itemSelector);
    if (!item || !(item instanceof HTMLElement) || !container.contains(item)) return;
    if (target !== item && (target.tagName === 'BUTTON' || target.tagName === 'A' || target.tagName === 'INPUT' || target.tagName === 'SELECT')) return;
    const list = items();
    const i = list.indexOf(item);
    let next = -1;
    if (e.key === 'ArrowDown') next = Math.min(list.length - 1, i + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, i - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = list.length - 1;
    else if (e.key === 'PageDown') next = Math.min(list.length - 1, i + 10);
    else if (e.key === 'PageUp') next = Math.max(0, i - 10);
    else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onActivate(item, e);
      return;
    } else return;
    e.preventDefault();
    const el = list[next];
    if (el) {
      makeCurrent(el);
      el.focus();
    }
  });
  container.addEventListener('click', (e) => {
    const target = /** @type {HTMLElement} */ (e.target);
    if (target.closest('a, button, input, select')) return;
    const item = target.closest(itemSelector);
    if (!item || !(item instanceof HTMLElement) || !container.contains(item)) return;
    makeCurrent(item);
    onActivate(item, e);
  });
  container.addEventListener('focusin', (e) => {
    const item = /** @type {HTMLElement} */ (e.target).closest?.(itemSelector);
    if (item instanceof HTMLElement && container.contains(item)) makeCurrent(item);
  });

  const first = items()[0];
  if (first && !container.querySelector(`${itemSelector}[tabindex="0"]`)) first.setAttribute('tabindex', '0');
  return { makeCurrent };
}
