/**
 * Export: pick a format (and, in the library, which pages), then download the file or copy
 * its text. The background makes the file, so the popup, the library and automated checks all
 * get the same bytes.
 */
import { t, type WordKey } from '@/utils/i18n/words';
import { useState } from 'preact/hooks';
import type { ExportFormat } from '@/utils/shared/model';
import type { ExportScope } from '@/utils/shared/protocol';
import { askBackground } from '@/utils/pages/extension-client';
import { downloadFile } from '@/utils/pages/file-actions';
import { copyText } from '@/utils/shared/clipboard';

const FORMAT_LABELS: Record<Exclude<ExportFormat, 'backup'>, WordKey> = {
  markdown: 'formatMarkdown',
  csv: 'formatCsv',
  jsonld: 'formatJsonld',
  html: 'formatHtml',
  notes: 'formatNotes',
  article: 'formatArticle',
};

type Format = Exclude<ExportFormat, 'backup'>;
/** The format chosen last, on this browser (the popup and the library share it): the next export offers it first. */
const FORMAT_KEY = 'clearmark:export-format';
function rememberedFormat(): Format {
  try {
    const kept = localStorage.getItem(FORMAT_KEY);
    return kept && kept in FORMAT_LABELS ? (kept as Format) : 'markdown';
  } catch {
    return 'markdown';
  }
}
function rememberFormat(format: Format): void {
  try {
    localStorage.setItem(FORMAT_KEY, format);
  } catch {
    /* storage refused: the choice lasts this visit */
  }
}

export interface ScopeChoice {
  label: string;
  scope: ExportScope;
}

export function ExportControls({ scopes, onDone }: { scopes: ScopeChoice[]; onDone?: (message: string) => void }) {
  const [format, setFormat] = useState<Format>(rememberedFormat);
  const [scopeIndex, setScopeIndex] = useState(0);
  const [status, setStatus] = useState('');
  const run = async (how: 'download' | 'copy') => {
    const chosen = scopes[scopeIndex] ?? scopes[0];
    if (!chosen) return;
    setStatus(t('exporting'));
    const answer = await askBackground({ type: 'export', format, scope: chosen.scope });
    if (!answer.ok) {
      setStatus(answer.error);
      return;
    }
    if (how === 'download') {
      try {
        await downloadFile(answer.value, askBackground, (done, total) =>
          setStatus(t('exportingPercent', { percent: Math.round((100 * done) / total) })),
        );
      } catch (e) {
        setStatus(t('exportInterrupted', { error: e instanceof Error ? e.message : String(e) }));
        return;
      }
      setStatus(t('exportSaved', { file: answer.value.filename }));
    } else {
      if (answer.value.base64 !== undefined || answer.value.transfer) {
        setStatus(answer.value.transfer ? t('exportTooLargeToCopy') : t('exportZipNoCopy'));
        return;
      }
      setStatus((await copyText(answer.value.text, document)) ? t('copiedToClipboard') : t('copyRefused'));
    }
    onDone?.(how);
  };
  return (
    <div class="export-controls">
      <label class="field">
        <span>{t('format')}</span>
        <select
          name="format"
          value={format}
          onChange={(e) => {
            const chosen = e.currentTarget.value as Format;
            setFormat(chosen);
            rememberFormat(chosen);
          }}
        >
          {Object.entries(FORMAT_LABELS).map(([value, label]) => (
            <option value={value}>{t(label)}</option>
          ))}
        </select>
      </label>
      {scopes.length > 1 && (
        <label class="field">
          <span>{t('pages')}</span>
          <select
            name="scope"
            value={String(scopeIndex)}
            onChange={(e) => setScopeIndex(Number(e.currentTarget.value))}
          >
            {scopes.map((s, i) => (
              <option value={String(i)}>{s.label}</option>
            ))}
          </select>
        </label>
      )}
      <div class="actions">
        <button type="button" class="action primary" data-action="download" onClick={() => void run('download')}>
          {t('download')}
        </button>
        <button type="button" class="action" data-action="copy-export" onClick={() => void run('copy')}>
          {t('copy')}
        </button>
      </div>
      <p class="status-line" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
