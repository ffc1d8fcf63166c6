// @ts-check
/**
 * The cue popover: hovering or focusing a sentence shows its label, score and the cues that fired
 * (id, words, weight, why). One floating element for the whole page, positioned from code.
 */
import { byId, h, replace } from './dom.js';

/**
 * Show the cues of sentences under `root` (elements with data-sid) on hover and focus.
 * @param {HTMLElement} root
 * @param {import('./view-model.js').ReportIndex} idx
 */
export function attachCueTip(root, idx) {
  const tip = byId('cue-tip');
  /** @type {HTMLElement | null} */
  let current = null;

  /** @param {HTMLElement} el */
  const show = (el) => {
    const sid = el.dataset.sid;
    const claim = sid ? idx.claimBySentence.get(sid) : undefined;
    if (!claim) return hide();
    current = el;
    replace(tip, cueContent(claim, idx.sentenceById.get(claim.sentenceId)));
    tip.hidden = false;
    el.setAttribute('aria-describedby', 'cue-tip');
    const r = el.getBoundingClientRect();
    const width = Math.min(420, window.innerWidth - 16);
    tip.style.width = `${width}px`;
    const left = Math.max(8, Math.min(r.left, window.innerWidth - width - 8));
    tip.style.left = `${left}px`;
    const below = r.bottom + 6;
    const height = tip.offsetHeight;
    tip.style.top = `${below + height > window.innerHeight && r.top - height - 6 > 0 ? r.top - height - 6 : below}px`;
  };
  const hide = () => {
    if (current) current.removeAttribute('aria-describedby');
    current = null;
    tip.hidden = true;
  };

  /** @type {HTMLElement | null} */
  let hovered = null;
  root.addEventListener('mouseover', (e) => {
    const el = /** @type {HTMLElement} */ (e.target).closest?.('[data-sid]');
    if (el instanceof HTMLElement && el !== hovered) {
      hovered = el;
      show(el);
    }
  });
  root.addEventListener('mouseleave', () => {
    hovered = null;
    hide();
  });
  root.addEventListener('focusin', (e) => {
    const el = /** @type {HTMLElement} */ (e.target).closest?.('[data-sid]');
    if (el instanceof HTMLElement) show(el);
  });
  root.addEventListener('focusout', hide);
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hide();
  });
  // Scrolling moves the sentence: follow it, or hide when it leaves the window.
  root.addEventListener('scroll', () => {
    if (!current) return;
    const r = current.getBoundingClientRect();
    if (r.bottom < 0 || r.top > window.innerHeight) hide();
    else show(current);
  }, true);
  return { hide };
}

/**
 * The popover's content for one claim.
 * @param {import('./view-model.js').Claim} claim
 * @param {import('./view-model.js').Sentence | undefined} sentence
 */
export function cueContent(claim, sentence) {
  const cues = Array.isArray(claim.cues) ? claim.cues : [];
  return [
    h(
      'p',
      { class: 'tip-head' },
      h('strong', null, claim.label === 'representation' ? 'Representation' : 'Narrative'),
      ` · score ${fmtScore(claim.score)}`,
      claim.type && claim.type !== 'none' ? ` · ${claim.type}` : '',
      claim.legalForce ? ` · ${claim.legalForce}` : '',
      claim.weak ? ' · weak' : '',
    ),
    cues.length
      ? h(
          'table',
          { class: 'tip-cues' },
          h('thead', null, h('tr', null, h('th', null, 'Cue'), h('th', null, 'Words'), h('th', null, 'Weight'), h('th', null, 'Why'))),
          h(
            'tbody',
            null,
            cues.map((c) =>
              h(
                'tr',
                { class: c.direction === 'representation' ? 'cue-rep' : 'cue-nar' },
                h('td', null, h('code', null, c.id)),
                h('td', null, c.text ? `“${c.text}”` : '(context)'),
                h('td', { class: 'num' }, `${c.direction === 'representation' ? '+' : '−'}${fmtWeight(c.weight)}`),
                h('td', null, c.why ?? ''),
              ),
            ),
          ),
        )
      : h('p', null, 'No cue fired on this sentence.'),
    sentence?.span?.kind === 'pdf' ? h('p', { class: 'tip-foot' }, `Page ${sentence.span.page}`) : null,
  ];
}

/** @param {number} n */
export function fmtScore(n) {
  return typeof n === 'number' && Number.isFinite(n) ? n.toFixed(2) : '–';
}

/** @param {number} n */
function fmtWeight(n) {
  return typeof n === 'number' && Number.isFinite(n) ? Math.abs(n).toFixed(2) : '?';
}
