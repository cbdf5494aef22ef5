/**
 * A setting that needs access to all sites (fetching reading lists' copies, opening PDFs in the
 * viewer): turning it on asks the browser first, at once, in the click that turns it on — a
 * browser grants optional access only from a person's own act — and keeps it off if refused.
 */
import { useState } from 'preact/hooks';
import { askBackground, askForAllSites } from './extension-client';

export type AccessSetting = 'fetchReadingList' | 'openPdfsInViewer';

export function useAccessSetting(
  key: AccessSetting,
  initial: boolean | null,
): {
  on: boolean | null;
  refused: boolean;
  choose: (next: boolean) => Promise<void>;
  known: (on: boolean) => void;
} {
  const [on, setOn] = useState(initial);
  const [refused, setRefused] = useState(false);
  const choose = async (next: boolean) => {
    if (next && !(await askForAllSites())) {
      setRefused(true);
      return;
    }
    setRefused(false);
    const answer = await askBackground({ type: 'settings:set', settings: { [key]: next } });
    if (answer.ok) setOn(answer.value[key]);
  };
  // What the settings say, read when the page opened: unless a click already chose (its own answer is newer).
  const known = (stored: boolean) => setOn((chosen) => chosen ?? stored);
  return { on, refused, choose, known };
}
