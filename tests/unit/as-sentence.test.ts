/**
 * A reason put inside another message ends as a sentence of the UI language, once: the background's
 * reasons mostly end with their own full stop, and a Japanese one with "。", which no "." may follow.
 */
import { afterEach, describe, expect, it } from 'vitest';
import en from '@/assets/public/_locales/en/messages.json';
import ja from '@/assets/public/_locales/ja/messages.json';
import { asSentence, t, useCatalog } from '@/utils/i18n/words';

afterEach(() => useCatalog(en));

describe('asSentence', () => {
  it('ends a reason with a full stop only where it has none', () => {
    useCatalog(en);
    expect(asSentence('The disk is full')).toBe('The disk is full.');
    expect(asSentence('The disk is full.')).toBe('The disk is full.');
    expect(asSentence('Is the server up?  ')).toBe('Is the server up?');
    expect(t('changeNotSaved', { why: asSentence('That highlight no longer exists.') })).toBe(
      'Clearmark could not save this change: That highlight no longer exists.',
    );
  });

  it('ends a Japanese or Chinese reason with 。 and never puts a "." after it', () => {
    useCatalog(ja, 'ja');
    expect(asSentence('ディスクがいっぱいです')).toBe('ディスクがいっぱいです。');
    expect(asSentence('ディスクがいっぱいです。')).toBe('ディスクがいっぱいです。');
    useCatalog(en, 'zh-CN');
    expect(asSentence('磁盘已满')).toBe('磁盘已满。');
    useCatalog(en, 'ar');
    expect(asSentence('القرص ممتلئ؟')).toBe('القرص ممتلئ؟');
  });
});
