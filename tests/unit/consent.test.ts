import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsentStripper, HIDDEN_ATTRIBUTE, UNLOCKED_ATTRIBUTE } from '@/utils/engines/consent/consent-stripper';
import { findConsentBanners } from '@/utils/engines/consent/find-banners';
import { CONSENT_PLATFORMS } from '@/utils/engines/consent/known-platforms';
import { extractArticle } from '@/utils/engines/extraction';
import { openFixture, openHtml } from './fixture-window';

describe('findConsentBanners', () => {
  it('finds the seed page’s Cookie Law Info bar as a known platform', () => {
    const doc = openFixture('seed/index.html');
    const found = findConsentBanners(doc);
    expect(found.known).toBe(true);
    expect(found.banners.map((b) => b.id)).toEqual(['cookie-law-info-bar']);
  });

  it('finds an unknown full-screen modal, its dark backdrop, and gives scrolling and content back', () => {
    const doc = openFixture('consent-modal/index.html');
    const found = findConsentBanners(doc);
    expect(found.known).toBe(false);
    expect(found.banners.map((b) => b.className)).toEqual(['privacy-dialog']);
    expect(found.overlays.map((b) => b.className)).toEqual(['privacy-wall']);

    const stripper = new ConsentStripper(doc);
    expect(stripper.strip(found)).toBe(2);
    expect(doc.body.hasAttribute(UNLOCKED_ATTRIBUTE)).toBe(true);
    expect(doc.getElementById('content')!.hasAttribute('aria-hidden')).toBe(false);

    stripper.restore();
    expect(doc.querySelectorAll(`[${HIDDEN_ATTRIBUTE}], [${UNLOCKED_ATTRIBUTE}]`)).toHaveLength(0);
    expect(doc.getElementById('content')!.getAttribute('aria-hidden')).toBe('true');
  });

  it('releases a lock set inline with !important on <html> and a pinned body, and puts the page’s own styles back', () => {
    const doc =
      openHtml(`<!doctype html><html style="overflow: hidden !important; color: red"><body style="position: fixed; top: -900px; width: 100%">
      <article><p>${'Text of the article. '.repeat(40)}</p></article>
      <div id="onetrust-consent-sdk"><p>We use cookies. Accept all cookies?</p><button>Accept</button><button>Reject</button></div></body></html>`);
    const stripper = new ConsentStripper(doc);
    stripper.strip(findConsentBanners(doc));
    expect(doc.documentElement.style.getPropertyValue('overflow')).toBe('visible');
    expect(doc.documentElement.style.getPropertyPriority('overflow')).toBe('important');
    expect(doc.body.style.getPropertyValue('position')).toBe('static');
    expect(stripper.locksReleased).toBe(2);

    stripper.restore();
    expect(doc.documentElement.style.getPropertyValue('overflow')).toBe('hidden');
    expect(doc.documentElement.style.getPropertyPriority('overflow')).toBe('important');
    expect(doc.documentElement.style.getPropertyValue('color')).toBe('red');
    expect(doc.body.style.getPropertyValue('position')).toBe('fixed');
    expect(doc.body.style.getPropertyValue('top')).toBe('-900px');
  });

  it('leaves the reader view’s own scroll lock alone: a banner found while the reader is open does not give <html> its scrolling back', () => {
    // The reader's stylesheet rule, as consent.css has it; the scan for late banners may run while the reader is open.
    const doc =
      openHtml(`<!doctype html><html data-clearmark-reader><head><style>:root[data-clearmark-reader] { overflow: hidden !important; }</style></head><body>
      <article><p>${'Text of the article. '.repeat(40)}</p></article>
      <div id="onetrust-consent-sdk"><p>We use cookies. Accept all cookies?</p><button>Accept</button><button>Reject</button></div></body></html>`);
    const stripper = new ConsentStripper(doc);
    expect(stripper.strip(findConsentBanners(doc))).toBeGreaterThan(0);
    expect(doc.documentElement.style.getPropertyValue('overflow')).toBe('');
    expect(doc.documentElement.hasAttribute(UNLOCKED_ATTRIBUTE)).toBe(false);
  });

  it('finds an unknown German banner by its words and buttons', () => {
    const found = findConsentBanners(openFixture('german-banner/index.html'));
    expect(found.banners.map((b) => b.className)).toEqual(['hinweis-leiste']);
  });

  it.each([
    ['French', 'Ce site utilise des cookies pour améliorer votre expérience et mesurer l’audience.', 'Tout accepter'],
    ['Spanish', 'Utilizamos cookies propias y de terceros para mejorar nuestros servicios.', 'Aceptar todo'],
    ['Italian', 'Questo sito utilizza cookie tecnici e di profilazione.', 'Accetta tutto'],
    ['Dutch', 'Deze website gebruikt cookies om je ervaring te verbeteren.', 'Alles accepteren'],
    ['Portuguese', 'Este site utiliza cookies e trata dados pessoais para melhorar a experiência.', 'Aceitar todos'],
  ])('finds a %s banner', (_language, text, button) => {
    const doc = openHtml(
      `<html><body><article><p>${'Plain article text. '.repeat(60)}</p></article><div style="position:fixed;bottom:0">${text} <button>${button}</button></div></body></html>`,
    );
    expect(findConsentBanners(doc).banners).toHaveLength(1);
  });

  it('leaves an article about cookies alone', () => {
    const doc = openFixture('cookie-article/index.html');
    const article = extractArticle(doc);
    expect(findConsentBanners(doc, article.detection.root).banners).toEqual([]);
  });

  it('never hides the element holding the article, or most of the page', () => {
    const doc = openHtml(
      `<html><body><div id="cookie-notice" style="position:fixed"><p>${'We use cookies in this long essay about cookie law. '.repeat(40)}</p><button>Accept</button></div></body></html>`,
    );
    const root = doc.querySelector('p');
    expect(findConsentBanners(doc, root).banners).toEqual([]);
    expect(findConsentBanners(doc).banners).toEqual([]);
  });

  it('ignores a page without banners', () => {
    expect(findConsentBanners(openFixture('home/index.html')).banners).toEqual([]);
  });
});

describe('the pre-paint stylesheet', () => {
  it('hides every known platform’s selectors', () => {
    const css = readFileSync(resolve(import.meta.dirname, '../../entrypoints/content/consent.css'), 'utf8');
    for (const selector of CONSENT_PLATFORMS.flatMap((p) => p.selectors)) expect(css).toContain(selector);
    expect(CONSENT_PLATFORMS.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'Cookie Law Info / CookieYes',
        'OneTrust',
        'Cookiebot',
        'Didomi',
        'Quantcast Choice',
        'TrustArc',
        'Usercentrics',
        'Complianz',
        'Osano',
        'Borlabs Cookie',
        'Cookie Notice',
      ]),
    );
  });
});
