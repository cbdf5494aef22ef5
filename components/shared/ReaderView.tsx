/**
 * The reader view: the article alone, well set, in a closed shadow root over the page. A calm
 * header (site, title, byline · date · reading time), a close button and a settings button; the
 * settings change typeface, size, line width, spacing and theme, and can make a site's articles
 * always open here. The sanitized article body is appended by the host (reader-host.tsx).
 */
import { t, tn, uiLanguage, type WordKey } from '@/utils/i18n/words';
import type { Ref } from 'preact';
import { READER_SIZES, READER_SPACINGS, READER_THEMES, READER_WIDTHS, type ReaderSettings } from '@/utils/shared/model';

export interface ReaderArticle {
  title: string;
  byline: string;
  siteName: string;
  publishedAt: string;
  lang: string;
  /** `rtl` or `ltr` when the page says (or its language implies); '' to let the text decide. */
  dir: string;
  readingMinutes: number;
  host: string;
  /** The sentence the page sets under its headline (kept outside the article's body); shown under the title. */
  standfirst?: string;
}

export interface ReaderViewProps {
  article: ReaderArticle;
  settings: ReaderSettings;
  /** Whether the settings panel is open (kept by the host, so Escape can close it first). */
  panel: boolean;
  onPanel: (open: boolean) => void;
  onSettings: (patch: Partial<ReaderSettings>) => void;
  onClose: () => void;
  bodyRef: Ref<HTMLDivElement>;
  /** Pictures the page has not loaded itself (only a lazy loader names them): shown when the user asks. */
  heldImages: number;
  onShowImages: () => void;
}

const THEME_LABELS = {
  auto: 'themeAuto',
  light: 'themeLight',
  sepia: 'themeSepia',
  dark: 'themeDark',
} as const satisfies Record<string, WordKey>;
const WIDTH_LABELS = { narrow: 'widthNarrow', medium: 'widthMedium', wide: 'widthWide' } as const satisfies Record<
  string,
  WordKey
>;
const SPACING_LABELS = {
  tight: 'spacingTight',
  normal: 'spacingNormal',
  loose: 'spacingLoose',
} as const satisfies Record<string, WordKey>;

function formatDate(iso: string, lang: string): string {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(lang || undefined, { year: 'numeric', month: 'long', day: 'numeric' }).format(date);
  } catch {
    return date.toDateString();
  }
}

export function ReaderView({
  article,
  settings,
  panel,
  onPanel,
  onSettings,
  onClose,
  bodyRef,
  heldImages,
  onShowImages,
}: ReaderViewProps) {
  const date = formatDate(article.publishedAt, article.lang);
  const readingTime = t('minutesRead', { count: article.readingMinutes });
  const meta = [article.byline, date, readingTime].filter(Boolean);
  const alwaysOpen = settings.alwaysOpenSites.includes(article.host);
  return (
    <div
      class="reader"
      data-theme={settings.theme}
      data-font={settings.font}
      data-width={settings.width}
      data-spacing={settings.spacing}
      style={{ '--size': `${READER_SIZES[settings.size] ?? 20}px` }}
      tabIndex={-1}
      role="dialog"
      aria-modal="true"
      aria-label={t('readerLabel', { title: article.title })}
      // A click outside the open settings panel closes it, as any popover closes.
      onPointerDown={(e) => {
        // A pointer on the view's own root has no element to look up from.
        const target = e.target as Partial<Element> | null;
        if (panel && !target?.closest?.('.panel, [data-control="settings"]')) onPanel(false);
      }}
    >
      <div class="bar">
        <div class="bar-actions">
          <button
            type="button"
            data-control="settings"
            aria-expanded={panel}
            aria-label={t('readerSettings')}
            title={t('readerSettings')}
            onClick={() => onPanel(!panel)}
          >
            <span aria-hidden="true" class="aa">
              Aa
            </span>
          </button>
          <button
            type="button"
            data-control="close"
            aria-label={t('closeReader')}
            title={t('closeEsc')}
            onClick={onClose}
          >
            <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
              <path d="M3.5 3.5l9 9m0-9l-9 9" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
            </svg>
          </button>
        </div>
      </div>
      {panel && (
        <div class="panel" role="group" aria-label={t('readerSettings')}>
          <div class="row" role="group" aria-label={t('typeface')}>
            <button
              type="button"
              data-control="font-serif"
              class="face serif"
              aria-pressed={settings.font === 'serif'}
              onClick={() => onSettings({ font: 'serif' })}
            >
              {t('fontSerif')}
            </button>
            <button
              type="button"
              data-control="font-sans"
              class="face sans"
              aria-pressed={settings.font === 'sans'}
              onClick={() => onSettings({ font: 'sans' })}
            >
              {t('fontSans')}
            </button>
          </div>
          <div class="row" role="group" aria-label={t('textSize')}>
            <button
              type="button"
              data-control="smaller"
              disabled={settings.size === 0}
              onClick={() => onSettings({ size: settings.size - 1 })}
            >
              {/* The glyph is seen, the words are heard: a name that differs from the visible text confuses speech input. */}
              <span aria-hidden="true">A−</span>
              <span class="sr-only">{t('smallerText')}</span>
            </button>
            <span class="value" aria-live="polite">
              {READER_SIZES[settings.size]} px
            </span>
            <button
              type="button"
              data-control="larger"
              disabled={settings.size === READER_SIZES.length - 1}
              onClick={() => onSettings({ size: settings.size + 1 })}
            >
              <span aria-hidden="true">A+</span>
              <span class="sr-only">{t('largerText')}</span>
            </button>
          </div>
          <div class="row" role="group" aria-label={t('lineWidth')}>
            {READER_WIDTHS.map((w) => (
              <button
                type="button"
                data-control={`width-${w}`}
                aria-pressed={settings.width === w}
                onClick={() => onSettings({ width: w })}
              >
                {t(WIDTH_LABELS[w])}
              </button>
            ))}
          </div>
          <div class="row" role="group" aria-label={t('lineSpacing')}>
            {READER_SPACINGS.map((s) => (
              <button
                type="button"
                data-control={`spacing-${s}`}
                aria-pressed={settings.spacing === s}
                onClick={() => onSettings({ spacing: s })}
              >
                {t(SPACING_LABELS[s])}
              </button>
            ))}
          </div>
          <div class="row themes" role="group" aria-label={t('theme')}>
            {READER_THEMES.map((theme) => (
              <button
                type="button"
                data-control={`theme-${theme}`}
                class={`theme-chip ${theme}`}
                aria-pressed={settings.theme === theme}
                onClick={() => onSettings({ theme })}
              >
                {t(THEME_LABELS[theme])}
              </button>
            ))}
          </div>
          <label class="always">
            <input
              type="checkbox"
              data-control="always-open"
              checked={alwaysOpen}
              onChange={(e) => {
                const others = settings.alwaysOpenSites.filter((s) => s !== article.host);
                onSettings({ alwaysOpenSites: e.currentTarget.checked ? [...others, article.host] : others });
              }}
            />
            {t('alwaysOpen', { host: article.host })}
          </label>
        </div>
      )}
      {/* A document of its own for screen readers: the article is the main landmark, its title the first heading. */}
      <main class="page-main">
        <article
          class="page"
          lang={article.lang || undefined}
          dir={article.dir === 'rtl' || article.dir === 'ltr' ? article.dir : 'auto'}
        >
          <header class="head">
            {article.siteName && <p class="site">{article.siteName}</p>}
            <h1 class="title">{article.title}</h1>
            {article.standfirst && <p class="standfirst">{article.standfirst}</p>}
            <p class="meta">
              {/* Each part isolated: "4 min read" keeps its order inside a right-to-left line. */}
              {meta.map((part, i) => (
                <>
                  {i > 0 && ' · '}
                  {/* The reading time is in Clearmark's words, the rest in the article's. */}
                  <bdi lang={part === readingTime ? uiLanguage() : undefined}>{part}</bdi>
                </>
              ))}
            </p>
          </header>
          {heldImages > 0 && (
            <p class="held-images" role="note">
              {tn('picturesNotLoaded', heldImages)}{' '}
              <button type="button" data-control="show-images" onClick={onShowImages}>
                {tn('showPictures', heldImages)}
              </button>
            </p>
          )}
          <div class="body" ref={bodyRef} />
        </article>
      </main>
    </div>
  );
}
