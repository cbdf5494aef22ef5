/**
 * Finds cookie and consent banners in a live page: the known platforms by selector, and unknown
 * ones by what they do — placed over the content (fixed or sticky) or tacked onto the page,
 * speaking consent vocabulary (English, German, French, Spanish, Italian, Dutch, Portuguese),
 * offering accept or reject buttons, and holding little of the page's text. An element that
 * holds the article, or a large share of the page's text, is never a banner: an article about
 * baking cookies stays whole.
 */
import { KNOWN_CONSENT_SELECTOR } from './known-platforms';
import { bodyOf } from '../../shared/document-parts';

export interface ConsentFindings {
  /** Banners and dialogs to hide. */
  banners: Element[];
  /** Dark backdrops laid over the page with them. */
  overlays: Element[];
  /** Whether any of them came from a known platform. */
  known: boolean;
}

const CONSENT_WORDS = new RegExp(
  [
    'cookie',
    'consent',
    'gdpr',
    'privacy (policy|settings|preferences)',
    'personal data',
    'your data',
    'tracking technolog',
    'datenschutz',
    'einwilligung',
    'zustimm',
    'personenbezogen',
    'utilise des cookies',
    'consentement',
    'données personnelles',
    'vie privée',
    'traceurs',
    'utilizamos cookies',
    'utiliza cookies',
    'consentimiento',
    'datos personales',
    'privacidad',
    'utilizza(mo)? (i )?cookie',
    'consenso',
    'dati personali',
    'gebruikt cookies',
    'toestemming',
    'persoonsgegevens',
    'utilizamos cookies',
    'consentimento',
    'dados pessoais',
    'privacidade',
  ].join('|'),
  'i',
);

const ACCEPT_OR_REJECT = new RegExp(
  '^\\s*(' +
    [
      '(i )?accept( all| cookies)?',
      '(i )?agree',
      'yes,? i agree',
      'allow( all)?( cookies)?',
      'ok(ay)?',
      'got it',
      'i understand',
      'understood',
      'reject( all)?',
      'decline',
      'deny',
      'only (necessary|essential)',
      'continue without accepting',
      '(alle )?akzeptieren',
      'zustimmen',
      'einverstanden',
      'alle zulassen',
      'annehmen',
      'ablehnen',
      'verstanden',
      'nur notwendige',
      '(tout )?accepter',
      "j'accepte",
      'j’accepte',
      'refuser',
      "d'accord",
      'continuer sans accepter',
      'tout refuser',
      'aceptar( todo| todas)?',
      'acepto',
      'rechazar( todo)?',
      'entendido',
      'de acuerdo',
      'accett(a|o)( tutto| tutti)?',
      'rifiuta( tutto)?',
      'ho capito',
      '(alles )?accepteren',
      'akkoord',
      'weigeren',
      'alles toestaan',
      'aceitar( todos)?',
      'aceito',
      'rejeitar',
      'concordo',
      'permitir',
    ].join('|') +
    ')\\b',
  'i',
);

const CONSENT_NAME = /cookie|consent|gdpr|privacy/i;

const CANDIDATES =
  '[id*="cookie" i], [class*="cookie" i], [id*="consent" i], [class*="consent" i], [id*="gdpr" i], [class*="gdpr" i], ' +
  '[id*="privacy" i], [class*="privacy" i], [aria-modal="true"], [role="dialog"], [role="alertdialog"], dialog[open], [aria-label*="cookie" i], [aria-label*="consent" i]';

const textOf = (el: Element) => el.textContent.replace(/\s+/g, ' ').trim();

/** The element's text when it has at most `max` characters, else null — without reading it all. */
function boundedText(el: Element, max: number): string | null {
  const doc = el.ownerDocument;
  const walker = doc.createTreeWalker(el, 4 /* SHOW_TEXT */);
  let text = '';
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    text += (node as Text).data;
    if (text.length > max * 2 && text.replace(/\s+/g, ' ').length > max) return null;
  }
  return text.replace(/\s+/g, ' ').trim();
}

function isPlaced(el: Element, view: Window): boolean {
  const position = view.getComputedStyle(el).position;
  return position === 'fixed' || position === 'sticky';
}

/** The element itself or its nearest ancestor (at most four up) that floats over the page. */
function floatingContainer(el: Element, view: Window, body: Element): Element | null {
  let current: Element | null = el;
  for (let i = 0; current && current !== body && i < 5; i++, current = current.parentElement) {
    if (isPlaced(current, view)) return current;
  }
  return null;
}

function hasConsentButtons(el: Element): boolean {
  for (const control of Array.from(
    el.querySelectorAll('button, a, [role="button"], input[type="button"], input[type="submit"]'),
  )) {
    const label = (control.textContent || control.getAttribute('value') || control.getAttribute('aria-label') || '')
      .replace(/\s+/g, ' ')
      .trim();
    if (label.length <= 40 && ACCEPT_OR_REJECT.test(label)) return true;
  }
  return false;
}

/**
 * `protect` gives the element holding the article; it is asked for only when some element
 * looks like a banner, so pages without banners never pay for article detection.
 */
export function findConsentBanners(
  doc: Document,
  protect: Element | null | (() => Element | null) = null,
): ConsentFindings {
  const body = bodyOf(doc);
  const view = doc.defaultView;
  if (!body || !view) return { banners: [], overlays: [], known: false };
  let pageText = -1;
  let article: Element | null | undefined;
  const safe = (el: Element) => {
    if (el === body || el === doc.documentElement) return false;
    if (pageText < 0) pageText = textOf(body).length || 1;
    if (textOf(el).length >= pageText * 0.3) return false;
    if (article === undefined) article = typeof protect === 'function' ? protect() : protect;
    return !(article && (el.contains(article) || article.contains(el)));
  };

  const banners = new Set<Element>();
  let known = false;
  for (const el of Array.from(doc.querySelectorAll(KNOWN_CONSENT_SELECTOR))) {
    if (safe(el)) {
      banners.add(el);
      known = true;
    }
  }

  const candidates = new Set<Element>(doc.querySelectorAll(CANDIDATES));
  // Banners are usually tacked on at the start or end of the page.
  const children = Array.from(body.children);
  for (const child of [...children.slice(0, 3), ...children.slice(-6)]) candidates.add(child);
  for (const candidate of candidates) {
    if ([...banners].some((b) => b.contains(candidate))) continue;
    const floating = floatingContainer(candidate, view, body);
    const atPageLevel = candidate.parentElement === body || candidate.parentElement?.parentElement === body;
    // Named for consent: strong enough, with the words and buttons below, wherever it sits.
    const named = CONSENT_NAME.test(`${candidate.id} ${candidate.getAttribute('class') ?? ''}`);
    // Unnamed and in the flow: a page's own sections (footer, header, main…) are not banners.
    const pageSection = /^(FOOTER|HEADER|NAV|MAIN|ARTICLE|ASIDE|SECTION)$/i.test(candidate.tagName);
    const container = floating ?? (named || (atPageLevel && !pageSection) ? candidate : null);
    if (!container || banners.has(container)) continue;
    const text = boundedText(container, 3000);
    if (text === null || text.length < 20 || !CONSENT_WORDS.test(text) || !hasConsentButtons(container)) continue;
    if (safe(container)) banners.add(container);
  }

  const overlays: Element[] = [];
  if (banners.size) {
    const width = view.innerWidth;
    const height = view.innerHeight;
    for (const el of Array.from(body.children)) {
      if (banners.has(el) || !isPlaced(el, view) || boundedText(el, 40) === null || !safe(el)) continue;
      const rect = el.getBoundingClientRect();
      const style = view.getComputedStyle(el);
      // Without layout (rect all zero), the declared offsets tell: pinned to all four edges.
      const covers =
        rect.width > 0
          ? rect.width >= width * 0.9 && rect.height >= height * 0.9
          : [style.top, style.right, style.bottom, style.left].every((v) => v === '0px' || v === '0') ||
            /^0(px)?$/.test(style.getPropertyValue('inset').trim());
      const shaded = style.backgroundColor !== 'rgba(0, 0, 0, 0)' && style.backgroundColor !== 'transparent';
      if (covers && shaded) overlays.push(el);
    }
  }
  return { banners: [...banners], overlays, known };
}
