/**
 * A short message from Clearmark in the page's corner (a highlight or a change that could not be
 * saved, then "saved"), in a closed shadow root like the rest of Clearmark's in-page UI, so a web
 * page can neither read nor hide it. Clearmark's own pages (a saved copy, the PDF viewer) show the same.
 */
import { t } from '@/utils/i18n/words';
import { render } from 'preact';
import { createClosedHost } from '@/components/shared/closed-host';

const STYLES = `
.notice { position: fixed; right: 16px; bottom: 16px; max-width: 360px; padding: 12px 14px; border-radius: 10px;
  font: 14px/1.45 system-ui, sans-serif; color: #fff; background: #1d1d21; box-shadow: 0 8px 30px #0004;
  display: grid; gap: 8px; }
.notice.ok { background: #1f5130; }
button { all: unset; justify-self: end; cursor: pointer; color: #9ec5ff; font-weight: 600; font-size: 13px; }
button:focus-visible { outline: 2px solid #9ec5ff; outline-offset: 2px; border-radius: 3px; }
`;

export interface PageNotice {
  show(text: string, kind?: 'problem' | 'ok', hideAfterMs?: number): void;
  hide(): void;
  /** The text shown, or '' when hidden (for checks). */
  text(): string;
}

/** `mode` is 'open' only in Clearmark's own pages (closed-host.ts), whose rules allow no inline style. */
export function installPageNotice(doc: Document, signal: AbortSignal, mode: ShadowRootMode = 'closed'): PageNotice {
  let host: HTMLElement | null = null;
  let mount: HTMLElement | null = null;
  let shown = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hide = () => {
    clearTimeout(timer);
    if (mount) render(null, mount);
    host?.remove();
    host = mount = null;
    shown = '';
  };
  signal.addEventListener('abort', hide);
  return {
    show(text, kind = 'problem', hideAfterMs) {
      clearTimeout(timer);
      if (!host?.isConnected || !mount) {
        ({ host, mount } = createClosedHost(doc, STYLES, 'position:fixed;z-index:2147483647;', mode));
      }
      const into = mount;
      shown = text;
      render(
        <div class={`notice ${kind}`} role={kind === 'problem' ? 'alert' : 'status'}>
          <span>{text}</span>
          <button type="button" onClick={hide}>
            {t('dismiss')}
          </button>
        </div>,
        into,
      );
      if (hideAfterMs) timer = setTimeout(hide, hideAfterMs);
    },
    hide,
    text: () => shown,
  };
}
