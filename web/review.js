// @ts-check
/**
 * The review view: model card and contract side by side, sentences coloured by label with their
 * score (and marked by icon and border style, so colour is never the only signal), cues on hover,
 * and for a contract clause its source sentence in the card with the changed words.
 */
import { h, markRanges, findWords, replace } from './dom.js';
import { reasonOf, skippedOf } from './skipped.js';
import { attachRoving } from './roving.js';
import { attachCueTip, fmtScore } from './cue-tip.js';
import { SEVERITIES, TRANSFORMATION_WORDS, locationText, worst } from './view-model.js';

/** Icons that carry the label without colour. */
export const LABEL_ICON = { representation: '◆', narrative: '○' };

/** @typedef {import('./view-model.js').ReportIndex} ReportIndex */
/** @typedef {import('./view-model.js').Sentence} Sentence */
/** @typedef {import('./view-model.js').Claim} Claim */
/** @typedef {import('./view-model.js').Alignment} Alignment */
/** @typedef {import('./view-model.js').Transformation} Transformation */
/** @typedef {import('./view-model.js').Document} Document */

/**
 * The review's state, shared by the functions that build and update it.
 * @typedef {object} Review
 * @property {HTMLElement} panel
 * @property {ReportIndex} idx
 * @property {{openClaim: (claimId: string) => void}} ctx
 * @property {{cardDocId: string, contractDocId: string}} state the document shown in each pane
 * @property {HTMLElement} cardBody
 * @property {HTMLElement} contractBody
 * @property {Map<string, HTMLElement>} elements sentence elements on screen, by sentence id
 * @property {HTMLElement[]} marked elements the current selection marked
 */

/** @typedef {'cardDocId' | 'contractDocId'} PaneKey */

/**
 * Render the review into `panel`.
 * @param {HTMLElement} panel
 * @param {ReportIndex} idx
 * @param {{openClaim: (claimId: string) => void}} ctx
 */
export function renderReview(panel, idx, ctx) {
  const cards = idx.documentsOfRole('model-card');
  const contracts = idx.documentsOfRole('contract');
  const contractDocId = contracts[0]?.id ?? '';
  /** @type {Review} */
  const r = {
    panel,
    idx,
    ctx,
    state: { cardDocId: sourceCardOf(idx, contractDocId) ?? cards[0]?.id ?? '', contractDocId },
    cardBody: h('div', { class: 'pane-body', role: 'list', 'aria-label': 'Model card sentences', id: 'card-pane' }),
    contractBody: h('div', { class: 'pane-body', role: 'list', 'aria-label': 'Contract sentences', id: 'contract-pane' }),
    elements: new Map(),
    marked: [],
  };
  const single = !cards.length || !contracts.length;
  replace(panel, reviewLegend(), h('div', { class: `review-grid${single ? ' single' : ''}` }, reviewPanes(r, cards, contracts)));
  if (r.state.cardDocId) fillPane(r, r.cardBody, r.state.cardDocId);
  if (r.state.contractDocId) fillPane(r, r.contractBody, r.state.contractDocId);

  const tip = attachCueTip(panel, idx);
  // Selecting hides the popover so the source and its changes are in plain view.
  attachRoving(r.cardBody, '[data-sid]', (el) => {
    tip.hide();
    selectCard(r, el.dataset.sid ?? '');
  });
  attachRoving(r.contractBody, '[data-sid]', (el) => {
    tip.hide();
    selectContract(r, el.dataset.sid ?? '');
  });

  return { focusSentence: (/** @type {string} */ sid) => focusSentence(r, sid) };
}

/** What the colours and icons mean. */
function reviewLegend() {
  return h(
    'div',
    { class: 'legend' },
    h('span', { class: 'legend-item sent-rep' }, h('span', { class: 'label-badge badge-rep', 'aria-hidden': 'true' }, LABEL_ICON.representation), ' Representation: a definite statement you can rely on'),
    h('span', { class: 'legend-item sent-nar' }, h('span', { class: 'label-badge badge-nar', 'aria-hidden': 'true' }, LABEL_ICON.narrative), ' Narrative'),
    h('span', { class: 'legend-hint' }, 'Hover or focus a sentence for its cues. Select a contract clause to see the card sentence it comes from.'),
  );
}

/**
 * The card and contract panes, or a note where one of them has no document.
 * @param {Review} r
 * @param {Document[]} cards
 * @param {Document[]} contracts
 * @returns {Node[]}
 */
function reviewPanes(r, cards, contracts) {
  /** @type {Node[]} */
  const panes = [];
  if (cards.length) {
    panes.push(h('section', { class: 'pane pane-card', 'aria-label': 'Model card' }, paneHeader(r, cards, 'cardDocId', 'Model card'), r.cardBody));
  }
  if (contracts.length) {
    panes.push(h('section', { class: 'pane pane-contract', 'aria-label': 'Contract' }, paneHeader(r, contracts, 'contractDocId', 'Contract'), r.contractBody));
  }
  if (!cards.length && !contracts.length) {
    panes.push(h('p', { class: 'empty' }, r.idx.evidence.length ? 'This analysis holds only evidence files; see the claims register and findings.' : 'This analysis has no documents to show.'));
  } else if (!contracts.length) {
    panes.push(h('aside', { class: 'pane-note' }, h('h2', null, 'No contract'), skippedOfRole(r.idx, 'contract'), h('p', null, 'Add the contract or schedule that quotes this card to a new analysis to see, clause by clause, which card sentence it comes from and what the excerpt changed.')));
  } else if (!cards.length) {
    panes.unshift(h('aside', { class: 'pane-note' }, h('h2', null, 'No model card'), skippedOfRole(r.idx, 'model-card'), h('p', null, 'Add the model card this contract quotes to a new analysis to see where each clause comes from.')));
  }
  return panes;
}

/**
 * A pane's heading, with a document choice when the role has several documents.
 * @param {Review} r
 * @param {Document[]} docs
 * @param {PaneKey} key
 * @param {string} title
 */
function paneHeader(r, docs, key, title) {
  const heading = h('h2', { class: 'pane-title' }, title);
  if (docs.length <= 1) return h('header', { class: 'pane-head' }, heading, docs[0] ? h('span', { class: 'pane-doc' }, docs[0].name) : null);
  const id = `${key}-select`;
  const select = h('select', { id, 'aria-label': `${title}: document` }, docs.map((d) => h('option', { value: d.id, selected: d.id === r.state[key] }, d.name)));
  select.addEventListener('change', () => {
    r.state[key] = /** @type {HTMLSelectElement} */ (select).value;
    fillPane(r, bodyOf(r, key), r.state[key]);
    // A contract brings the card it quotes most into the other pane.
    const card = key === 'contractDocId' ? sourceCardOf(r.idx, r.state.contractDocId) : undefined;
    if (card && card !== r.state.cardDocId) showDocument(r, 'cardDocId', card);
  });
  return h('header', { class: 'pane-head' }, heading, select);
}

/**
 * @param {Review} r
 * @param {PaneKey} key
 */
function bodyOf(r, key) {
  return key === 'contractDocId' ? r.contractBody : r.cardBody;
}

/**
 * Show another document in a pane, and say so in its document choice.
 * @param {Review} r
 * @param {PaneKey} key
 * @param {string} docId
 */
function showDocument(r, key, docId) {
  r.state[key] = docId;
  const select = /** @type {HTMLSelectElement | null} */ (r.panel.querySelector(`#${key}-select`));
  if (select) select.value = docId;
  fillPane(r, bodyOf(r, key), docId);
}

/**
 * Fill a pane with a document's sentences.
 * @param {Review} r
 * @param {HTMLElement} body
 * @param {string} docId
 */
function fillPane(r, body, docId) {
  clearSelection(r);
  for (const el of body.querySelectorAll('[data-sid]')) r.elements.delete(/** @type {HTMLElement} */ (el).dataset.sid ?? '');
  const doc = r.idx.docById.get(docId);
  const sentences = r.idx.sentencesByDoc.get(docId) ?? [];
  /** @type {Node[]} */
  const out = [];
  if (doc?.diagnostics?.length) {
    out.push(h('ul', { class: 'diagnostics' }, doc.diagnostics.map((d) => h('li', { class: `diag diag-${d.severity}` }, `${d.severity}: ${d.message}`))));
  }
  if (!sentences.length) out.push(h('p', { class: 'empty' }, 'No sentences were found in this document.'));
  let lastSection = '';
  let lastPage = 0;
  for (const s of sentences) {
    if (s.span?.kind === 'pdf' && s.span.page !== lastPage) {
      lastPage = s.span.page;
      out.push(h('div', { class: 'page-break', role: 'presentation' }, `Page ${lastPage}`));
    }
    const section = sectionHeading(s.sectionPath);
    if (section && section !== lastSection) {
      out.push(h('div', { class: 'section-path', role: 'presentation' }, section));
    }
    lastSection = section;
    const el = sentenceElement(s, r.idx);
    r.elements.set(s.id, el);
    out.push(el);
  }
  replace(body, out);
  const first = body.querySelector('[data-sid]');
  if (first) first.setAttribute('tabindex', '0');
  body.scrollTop = 0;
}

/**
 * Undo the marks of the current selection and remove its detail.
 * @param {Review} r
 */
function clearSelection(r) {
  for (const el of r.marked) {
    el.classList.remove('is-selected', 'is-source');
    el.removeAttribute('aria-current');
    const s = r.idx.sentenceById.get(el.dataset.sid ?? '');
    const text = el.querySelector('.sent-text');
    if (s && text) replace(text, sentenceText(s, r.idx.claimBySentence.get(s.id)));
  }
  r.marked = [];
  for (const d of r.panel.querySelectorAll('.sent-detail')) d.remove();
}

/** @param {HTMLElement} body @param {HTMLElement} el */
function scrollInto(body, el) {
  const top = el.offsetTop - body.clientHeight / 3;
  body.scrollTop = Math.max(0, top);
}

/**
 * Clear the previous selection and mark a sentence as the selected one.
 * @param {Review} r
 * @param {string} sid
 * @returns {{ el: HTMLElement, s: Sentence } | undefined}
 */
function markSelected(r, sid) {
  clearSelection(r);
  const el = r.elements.get(sid);
  const s = r.idx.sentenceById.get(sid);
  if (!el || !s) return undefined;
  el.classList.add('is-selected');
  el.setAttribute('aria-current', 'true');
  r.marked.push(el);
  return { el, s };
}

/**
 * Select a contract clause: show its source in the card with the changed words.
 * @param {Review} r
 * @param {string} sid
 */
function selectContract(r, sid) {
  const picked = markSelected(r, sid);
  if (!picked) return;
  const { el, s } = picked;
  const { idx } = r;
  const a = idx.alignmentByContract.get(sid);
  const src = a?.cardSentenceId ? idx.sentenceById.get(a.cardSentenceId) : undefined;
  /** @type {Node[]} */
  let detail;
  if (a && src) detail = sourceDetail(r, el, s, a, src);
  else if (a?.incorporates) {
    const doc = a.incorporates.docId ? idx.docById.get(a.incorporates.docId) : undefined;
    detail = [h('p', null, `This clause incorporates ${doc ? doc.name : 'a document'} by reference (“${a.incorporates.phrase}”): everything that document states may become part of the contract.`)];
  } else if (a) {
    detail = [h('p', null, 'No sentence of the model card matches this clause closely enough to be its source.')];
  } else {
    detail = [h('p', null, idx.alignments.length ? 'This clause was not aligned with the model card.' : 'No alignment between contract and card is available in this analysis.')];
  }
  detail.push(claimActions(r, s.id));
  el.after(h('div', { class: 'sent-detail', role: 'region', 'aria-label': 'Source of the selected clause' }, detail));
}

/**
 * A selected clause's source in the card: brought into view in the card pane with the words the
 * clause changed marked, the clause's own changed words marked; the detail under the clause.
 * @param {Review} r
 * @param {HTMLElement} el the clause's element
 * @param {Sentence} s the clause
 * @param {Alignment} a
 * @param {Sentence} src the card sentence it comes from
 * @returns {Node[]}
 */
function sourceDetail(r, el, s, a, src) {
  if (r.state.cardDocId !== src.docId && r.idx.docById.has(src.docId)) {
    showDocument(r, 'cardDocId', src.docId);
    el.classList.add('is-selected');
    r.marked.push(el);
  }
  const transformations = Array.isArray(a.transformations) ? a.transformations : [];
  const srcEl = r.elements.get(src.id);
  if (srcEl) {
    srcEl.classList.add('is-source');
    r.marked.push(srcEl);
    const text = srcEl.querySelector('.sent-text');
    if (text) replace(text, markedText(src, changedRanges(src.text, transformations, 'from')));
    scrollInto(r.cardBody, srcEl);
  }
  const toMarks = changedRanges(s.text, transformations, 'to');
  const text = el.querySelector('.sent-text');
  if (text && toMarks.length) replace(text, markedText(s, toMarks));
  const srcDoc = r.idx.docById.get(src.docId);
  return [
    h('p', null, h('strong', null, 'Source: '), `${srcDoc?.name ?? ''}, ${locationText(src)} · similarity ${fmtScore(a.similarity)}`),
    h('blockquote', { class: 'source-quote' }, src.text),
    transformationList(transformations),
  ];
}

/**
 * Where in a text the words of each transformation's side are, as ranges to mark.
 * @param {string} text
 * @param {Transformation[]} transformations
 * @param {'from' | 'to'} side
 * @returns {Array<{start: number, end: number, class: string, title: string}>}
 */
function changedRanges(text, transformations, side) {
  return transformations.flatMap((t) => {
    const at = findWords(text, t[side]);
    return at ? [{ start: at.start, end: at.end, class: `changed changed-${side}`, title: TRANSFORMATION_WORDS[t.kind] ?? t.kind }] : [];
  });
}

/**
 * Select a card sentence: show the clauses that quote it and its findings.
 * @param {Review} r
 * @param {string} sid
 */
function selectCard(r, sid) {
  const picked = markSelected(r, sid);
  if (!picked) return;
  const { el } = picked;
  const quoting = r.idx.alignmentsByCard.get(sid) ?? [];
  /** @type {Node[]} */
  const detail = [];
  if (quoting.length) {
    detail.push(
      h('p', null, h('strong', null, `Quoted by ${quoting.length} contract clause${quoting.length === 1 ? '' : 's'}:`)),
      h(
        'ul',
        { class: 'quoting' },
        quoting.map((a) => {
          const c = r.idx.sentenceById.get(a.contractSentenceId);
          return h(
            'li',
            null,
            h('button', { type: 'button', class: 'link-button', onclick: () => focusSentence(r, a.contractSentenceId) }, c ? locationText(c) || 'clause' : a.contractSentenceId),
            c ? ` “${c.text}”` : '',
          );
        }),
      ),
    );
  }
  const findings = r.idx.findingsBySentence.get(sid) ?? [];
  if (findings.length) {
    detail.push(h('ul', { class: 'detail-findings' }, findings.map((f) => h('li', { class: `sev-${f.severity}` }, `${severityIcon(f.severity)} ${f.severity}: ${f.message}`, f.remedy ? h('span', { class: 'remedy' }, ` Remedy: ${f.remedy}`) : null))));
  }
  detail.push(claimActions(r, sid));
  el.after(h('div', { class: 'sent-detail', role: 'region', 'aria-label': 'Selected sentence' }, detail));
}

/**
 * @param {Review} r
 * @param {string} sid
 */
function claimActions(r, sid) {
  return r.idx.claimBySentence.has(sid) ? h('p', { class: 'detail-actions' }, h('button', { type: 'button', onclick: () => r.ctx.openClaim(sid) }, 'Open in claims register')) : h('span');
}

/**
 * Bring a sentence into view and select it (used by the register and the findings list).
 * @param {Review} r
 * @param {string} sid
 */
function focusSentence(r, sid) {
  const s = r.idx.sentenceById.get(sid);
  if (!s) return;
  const isContract = r.idx.docById.get(s.docId)?.role === 'contract';
  const key = isContract ? 'contractDocId' : 'cardDocId';
  const body = bodyOf(r, key);
  if (r.state[key] !== s.docId) showDocument(r, key, s.docId);
  if (isContract) selectContract(r, sid);
  else selectCard(r, sid);
  const el = r.elements.get(sid);
  if (el) {
    scrollInto(body, el);
    for (const other of body.querySelectorAll('[data-sid][tabindex="0"]')) other.setAttribute('tabindex', '-1');
    el.setAttribute('tabindex', '0');
    el.focus({ preventScroll: true });
  }
}

/**
 * The card a contract quotes most (by aligned sentences), if any.
 * @param {ReportIndex} idx
 * @param {string} contractDocId
 * @returns {string | undefined}
 */
export function sourceCardOf(idx, contractDocId) {
  /** @type {Map<string, number>} */
  const votes = new Map();
  for (const s of idx.sentencesByDoc.get(contractDocId) ?? []) {
    const a = idx.alignmentByContract.get(s.id);
    const src = a?.cardSentenceId ? idx.sentenceById.get(a.cardSentenceId) : undefined;
    if (src) votes.set(src.docId, (votes.get(src.docId) ?? 0) + 1);
  }
  let best;
  let most = 0;
  for (const [doc, n] of votes) {
    if (n > most) {
      best = doc;
      most = n;
    }
  }
  return best;
}

/**
 * One sentence as an element: label icon and score, text with cue words marked, location, findings.
 * @param {Sentence} s
 * @param {ReportIndex} idx
 */
export function sentenceElement(s, idx) {
  const claim = idx.claimBySentence.get(s.id);
  const rep = claim?.label === 'representation';
  const findings = (idx.findingsBySentence.get(s.id) ?? []).filter((f) => !f.suppressed);
  const sev = worst(findings.map((f) => f.severity), SEVERITIES);
  const loc = locationText(s, { section: false });
  const alignment = idx.alignmentByContract.get(s.id);
  const changes = alignment?.cardSentenceId ? (alignment.transformations ?? []).filter((t) => t.kind !== 'verbatim') : [];
  const changeWords = changes.map((t) => TRANSFORMATION_WORDS[t.kind] ?? t.kind).join(', ');
  const labelWords = claim ? `${rep ? 'Representation' : 'Narrative'}, score ${fmtScore(claim.score)}` : 'Not judged';
  const el = h(
    'div',
    {
      class: `sent ${claim ? (rep ? 'sent-rep' : 'sent-nar') : 'sent-none'}${claim?.weak ? ' sent-weak' : ''}${s.context?.blockKind === 'table' ? ' sent-row' : ''}`,
      role: 'listitem',
      tabindex: '-1',
      dataset: { sid: s.id, label: claim?.label ?? '' },
      'aria-label': `${labelWords}${loc ? `, ${loc}` : ''}${changes.length ? `, changed from the card: ${changeWords}` : ''}: ${s.text}`,
    },
    h('span', { class: `label-badge ${rep ? 'badge-rep' : 'badge-nar'}`, 'aria-hidden': 'true' }, `${claim ? LABEL_ICON[rep ? 'representation' : 'narrative'] : '·'} ${claim ? fmtScore(claim.score) : ''}`),
    h('span', { class: 'sent-text' }, sentenceText(s, claim)),
    h(
      'span',
      { class: 'sent-meta', 'aria-hidden': 'true' },
      claim?.legalForce && claim.legalForce !== 'other' ? h('span', { class: 'force' }, claim.legalForce) : null,
      changes.length ? h('span', { class: 'change-badge', title: `Changed from the card: ${changeWords}` }, `Δ ${changes.length}`) : null,
      loc ? h('span', { class: 'sent-loc' }, loc) : null,
      findings.length ? h('span', { class: `finding-badge sev-${sev}`, title: `${findings.length} finding${findings.length === 1 ? '' : 's'}` }, `${severityIcon(sev)} ${findings.length}`) : null,
    ),
  );
  return el;
}

/**
 * The heading shown above a run of sentences: the section path without trailing clause numbers
 * (each clause shows its own reference), so a contract is not cut into one heading per clause.
 * @param {unknown} path
 */
export function sectionHeading(path) {
  if (!Array.isArray(path)) return '';
  const parts = path.map(String);
  while (parts.length > 1 && /^(\(?[0-9ivxlcdm]+\)?[.)]?|\([a-z]\)|[0-9]+(\.[0-9]+)+\.?)$/i.test(parts[parts.length - 1].trim())) parts.pop();
  return parts.join(' › ');
}

/**
 * Sentence text with the words of its cues marked.
 * @param {Sentence} s
 * @param {Claim | undefined} claim
 */
export function sentenceText(s, claim) {
  const cues = Array.isArray(claim?.cues) ? claim.cues : [];
  return markedText(
    s,
    cues.flatMap((c) => (typeof c.start === 'number' && typeof c.end === 'number' ? [{ start: c.start, end: c.end, class: c.direction === 'representation' ? 'cue cue-rep' : 'cue cue-nar', title: c.why ? `${c.id}: ${c.why}` : c.id }] : [])),
  );
}

/**
 * The files of a role this analysis could not read, in words, for the pane that stands empty
 * because of them (issue 16: a skipped file is never silently dropped); null when there are none.
 * @param {ReportIndex} idx
 * @param {string} role
 */
function skippedOfRole(idx, role) {
  const list = skippedOf(idx.report).filter((x) => x.role === role);
  if (!list.length) return null;
  return h(
    'p',
    { class: 'pane-skipped' },
    list.map((x, i) => [i ? ' ' : '', h('strong', null, x.name), ` was uploaded but could not be read (${reasonOf(x.code)}), so it was skipped.`]).flat(),
  );
}

/**
 * Where each cell of a table row sits in the row's text (cells joined by " | "), or null when the
 * text is not made of the cells in order.
 * @param {string} text
 * @param {string[]} cells
 * @returns {Array<{start: number, end: number}> | null}
 */
export function cellOffsets(text, cells) {
  /** @type {Array<{start: number, end: number}>} */
  const out = [];
  let at = 0;
  for (const cell of cells) {
    const i = cell === '' ? at : text.indexOf(cell, at);
    if (i < 0) return null;
    out.push({ start: i, end: i + cell.length });
    at = i + cell.length;
  }
  return out;
}

/**
 * A sentence's text with `ranges` marked: a table row as its cells under their column headers
 * (issue 16: a reader wants the row as cells, not pipe-joined text), any other sentence as text.
 * @param {Pick<Sentence, 'text'> & {context?: Partial<Sentence['context']>}} s
 * @param {Array<{start: number, end: number, class: string, title?: string}>} ranges
 * @returns {Node[]}
 */
export function markedText(s, ranges) {
  const t = s.context?.table;
  const cells = Array.isArray(t?.cells) ? t.cells.map(String) : null;
  const at = cells && cells.length > 1 ? cellOffsets(s.text, cells) : null;
  if (!t || !cells || !at) return markRanges(s.text, ranges);
  const headers = Array.isArray(t.headers) ? t.headers.map(String) : [];
  const bold = Array.isArray(t.boldCells) ? t.boldCells : [];
  const cellNodes = cells.map((cell, i) => {
    const { start, end } = at[i] ?? { start: 0, end: 0 };
    const inside = ranges
      .filter((r) => r.start < end && r.end > start)
      .map((r) => ({ ...r, start: Math.max(r.start, start) - start, end: Math.min(r.end, end) - start }));
    return h('td', { class: bold[i] ? 'cell-bold' : undefined }, markRanges(cell, inside));
  });
  const hasHeaders = headers.some((x) => x.trim() !== '');
  return [
    h(
      'table',
      { class: 'row-cells' },
      hasHeaders ? h('thead', null, h('tr', null, cells.map((_, i) => h('th', { scope: 'col' }, headers[i] ?? '')))) : null,
      h('tbody', null, h('tr', null, cellNodes)),
    ),
  ];
}

/**
 * The list of transformations with the changed words (from → to).
 * @param {Transformation[]} transformations
 */
export function transformationList(transformations) {
  if (!transformations.length) return h('p', null, 'No change detected between the card sentence and the clause.');
  return h(
    'ul',
    { class: 'transformations' },
    transformations.map((t) =>
      h(
        'li',
        { class: `tf tf-${t.kind}` },
        h('strong', null, TRANSFORMATION_WORDS[t.kind] ?? t.kind),
        t.from || t.to ? ': ' : '',
        t.from ? h('del', null, t.from) : t.to ? h('span', { class: 'muted' }, '(nothing)') : null,
        t.from || t.to ? ' → ' : '',
        t.to ? h('ins', null, t.to) : t.from ? h('span', { class: 'muted' }, '(removed)') : null,
        t.note ? h('span', { class: 'tf-note' }, ` — ${t.note}`) : null,
      ),
    ),
  );
}

/** Icon per severity (shape, not only colour). @param {string} sev */
export function severityIcon(sev) {
  return sev === 'error' ? '✖' : sev === 'warning' ? '▲' : sev === 'note' ? 'ℹ' : '·';
}
