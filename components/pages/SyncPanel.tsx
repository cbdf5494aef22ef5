/**
 * The library's Sync menu: set up sync with the user's own CouchDB server (address with the
 * database, user name, password, an optional passphrase), see its status in words, sync now,
 * turn it off and on, forget the server. Without a passphrase it says plainly that the server
 * can read the notes. Everything goes through the background, which owns sync.
 */
import { t } from '@/utils/i18n/words';
import { useEffect, useRef, useState } from 'preact/hooks';
import { askBackground } from '@/utils/pages/extension-client';
import { useDismiss } from '@/utils/pages/use-dismiss';
import type { PageEvents } from '@/utils/pages/page-events';
import { syncStatusText } from '@/utils/pages/sync-status-text';
import type { SyncStatus } from '@/utils/shared/protocol';
import { done, problem as problemNotice, type Notice } from '@/utils/pages/notice';

/** Sync's status, kept current by the background's notices (and a slow tick for "3 min ago"). */
export function useSyncStatus(events: PageEvents): SyncStatus | null {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [, tick] = useState(0);
  useEffect(() => {
    void askBackground({ type: 'sync:status' }).then((r) => r.ok && setStatus(r.value));
    const off = events.onSyncStatus(setStatus);
    const timer = setInterval(() => tick((n) => n + 1), 30_000);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [events]);
  return status;
}

export function SyncMenu({ events, onMessage }: { events: PageEvents; onMessage: (notice: Notice) => void }) {
  const status = useSyncStatus(events);
  const [open, setOpen] = useState(false);
  const menu = useRef<HTMLDivElement>(null);
  useDismiss(open, menu, () => setOpen(false));
  const state = status?.state ?? 'off';
  return (
    <div class="menu sync-menu" ref={menu}>
      <button
        type="button"
        class="action"
        data-action="sync-menu"
        aria-expanded={open}
        aria-controls="sync-panel"
        onClick={() => setOpen(!open)}
      >
        <span class="sync-dot" data-state={status?.server ? state : 'none'} aria-hidden="true" />
        {t('sync')}
      </button>
      {open && status && (
        <div class="menu-panel sync-panel" id="sync-panel">
          {status.server ? (
            <SyncControls status={status} server={status.server} onMessage={onMessage} />
          ) : (
            <SyncSetup onMessage={onMessage} />
          )}
        </div>
      )}
    </div>
  );
}

function SyncSetup({
  onMessage,
  initial,
}: {
  onMessage: (notice: Notice) => void;
  initial?: { url: string; username: string };
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const submit = async (form: HTMLFormElement) => {
    const data = new FormData(form);
    const field = (name: string) => {
      const value = data.get(name);
      return typeof value === 'string' ? value : '';
    };
    setBusy(true);
    setError('');
    const answer = await askBackground({
      type: 'sync:configure',
      url: field('sync-url'),
      username: field('sync-username'),
      password: field('sync-password'),
      ...(passphrase ? { passphrase } : {}),
    });
    setBusy(false);
    if (!answer.ok) setError(answer.error);
    else if (answer.value.server)
      onMessage(
        done(
          t(answer.value.server.encrypted ? 'syncOnEncrypted' : 'syncOn', {
            host: new URL(answer.value.server.url).host,
          }),
        ),
      );
  };
  return (
    <form
      class="sync-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(e.currentTarget);
      }}
    >
      <h2>{t('sync')}</h2>
      <p class="hint">{t('syncHint')}</p>
      <label>
        {t('syncServer')}
        <input
          type="url"
          name="sync-url"
          required
          placeholder="https://sync.example.org/clearmark"
          defaultValue={initial?.url}
          autocomplete="url"
          spellcheck={false}
        />
      </label>
      <label>
        {t('syncUser')}
        <input
          type="text"
          name="sync-username"
          required
          defaultValue={initial?.username}
          autocomplete="username"
          spellcheck={false}
        />
      </label>
      <label>
        {t('syncPassword')}
        <input type="password" name="sync-password" required autocomplete="current-password" />
      </label>
      <label>
        <span>
          {t('syncPassphrase')} <span class="optional">{t('syncPassphraseOptional')}</span>
        </span>
        <input
          type="password"
          name="sync-passphrase"
          autocomplete="new-password"
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
        />
      </label>
      <p class={passphrase ? 'hint' : 'hint warning'} data-role="encryption-note">
        {passphrase ? t('syncWithPassphrase') : t('syncWithoutPassphrase')}
      </p>
      {error && (
        <p class="sync-error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" class="action primary" data-action="sync-setup" disabled={busy}>
          {busy ? t('checking') : t('turnOnSync')}
        </button>
      </div>
    </form>
  );
}

function SyncControls({
  status,
  server,
  onMessage,
}: {
  status: SyncStatus;
  server: NonNullable<SyncStatus['server']>;
  onMessage: (notice: Notice) => void;
}) {
  const [busy, setBusy] = useState(false);
  const act = async (type: 'sync:now' | 'sync:off' | 'sync:on' | 'sync:forget') => {
    setBusy(true);
    const answer = await askBackground({ type });
    setBusy(false);
    if (!answer.ok) {
      onMessage(problemNotice(answer.error));
      return;
    }
    if (type === 'sync:now') {
      const { pushed, pulled } = answer.value as { pushed: number; pulled: number };
      onMessage(done(t('syncedCounts', { sent: pushed, received: pulled })));
    }
    if (type === 'sync:forget') onMessage(done(t('serverForgotten')));
  };
  const problem = status.state === 'error' || status.state === 'offline';
  return (
    <div class="sync-controls">
      <h2>{t('sync')}</h2>
      <p class="sync-server">
        <strong>{new URL(server.url).host}</strong> · {decodeURIComponent(new URL(server.url).pathname.slice(1))} ·{' '}
        {server.username}
        <br />
        <span class="hint">{server.encrypted ? t('syncEncrypted') : t('syncNotEncrypted')}</span>
      </p>
      <p class={problem ? 'sync-status sync-error' : 'sync-status'} role="status" data-state={status.state}>
        {syncStatusText(status)}
      </p>
      <div class="actions">
        {status.state !== 'off' ? (
          <>
            <button
              type="button"
              class="action primary"
              data-action="sync-now"
              disabled={busy}
              onClick={() => void act('sync:now')}
            >
              {t('syncNow')}
            </button>
            <button
              type="button"
              class="action"
              data-action="sync-off"
              disabled={busy}
              onClick={() => void act('sync:off')}
            >
              {t('turnOff')}
            </button>
          </>
        ) : (
          <button
            type="button"
            class="action primary"
            data-action="sync-on"
            disabled={busy}
            onClick={() => void act('sync:on')}
          >
            {t('turnOn')}
          </button>
        )}
        <button
          type="button"
          class="action danger"
          data-action="sync-forget"
          disabled={busy}
          onClick={() => void act('sync:forget')}
        >
          {t('forgetServer')}
        </button>
      </div>
      {status.state === 'error' && <p class="hint">{t('syncSetUpAgain')}</p>}
      {status.state === 'error' && <SyncSetup onMessage={onMessage} initial={server} />}
      <p class="hint">{t('syncOffHint')}</p>
    </div>
  );
}
