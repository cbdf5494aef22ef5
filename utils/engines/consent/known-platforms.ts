/**
 * Consent platforms Clearmark knows by name: where their banners, dialogs and backdrops live.
 * The same selectors are hidden before the page paints by entrypoints/content/consent.css (a
 * unit test keeps the two in step); this list lets the content script know a banner was there,
 * so it can give scrolling back.
 */

export interface ConsentPlatform {
  name: string;
  /** Banners, dialogs and their backdrops. */
  selectors: string[];
}

export const CONSENT_PLATFORMS: ConsentPlatform[] = [
  {
    name: 'Cookie Law Info / CookieYes',
    selectors: [
      '#cookie-law-info-bar',
      '#cookie-law-info-again',
      '.cli-modal-backdrop',
      '.cky-consent-container',
      '.cky-overlay',
      '.cky-btn-revisit-wrapper',
    ],
  },
  { name: 'OneTrust', selectors: ['#onetrust-consent-sdk', '#onetrust-banner-sdk', '.onetrust-pc-dark-filter'] },
  { name: 'Cookiebot', selectors: ['#CybotCookiebotDialog', '#CybotCookiebotDialogBodyUnderlay'] },
  { name: 'Didomi', selectors: ['#didomi-host', '.didomi-popup-backdrop'] },
  { name: 'Quantcast Choice', selectors: ['#qc-cmp2-container', '.qc-cmp2-container', '.qc-cmp-ui-container'] },
  {
    name: 'TrustArc',
    selectors: ['#truste-consent-track', '#consent_blackbar', '.truste_overlay', '.truste_box_overlay'],
  },
  { name: 'Usercentrics', selectors: ['#usercentrics-root', '#usercentrics-cmp-ui'] },
  { name: 'Complianz', selectors: ['#cmplz-cookiebanner-container', '.cmplz-cookiebanner', '#cmplz-manage-consent'] },
  { name: 'Osano', selectors: ['.osano-cm-window', '.osano-cm-dialog'] },
  { name: 'Borlabs Cookie', selectors: ['#BorlabsCookieBox', '#BorlabsCookieBoxWrap'] },
  { name: 'Cookie Notice', selectors: ['#cookie-notice'] },
  { name: 'Sourcepoint', selectors: ['[id^="sp_message_container"]'] },
];

export const KNOWN_CONSENT_SELECTOR = CONSENT_PLATFORMS.flatMap((p) => p.selectors).join(', ');
