/**
 * The background's full-text search (`search`, docs/adr/0012) as the user types: asked a moment
 * after the last key, and an answer that arrives after the query changed again is dropped.
 */
import { useEffect, useState } from 'preact/hooks';
import type { SearchAnswer } from '@/utils/shared/protocol';
import { askBackground } from './extension-client';

/** Waits this long after a key before asking. */
const TYPING_PAUSE_MS = 120;

/** What the query finds (null while there is no query, or no answer yet), or why it could not be asked. */
export function useFullTextSearch(
  query: string,
  version: number,
  limit?: number,
): { found: SearchAnswer | null; error: string } {
  const [found, setFound] = useState<SearchAnswer | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!query.trim()) {
      setFound(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      void askBackground({ type: 'search', query, ...(limit ? { limit } : {}) }).then((answer) => {
        if (!current) return;
        setFound(answer.ok ? answer.value : null);
        setError(answer.ok ? '' : answer.error);
      });
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, version, limit]);
  return { found, error };
}
