/**
 * The reader view and the full article extraction (with the sanitizer), loaded by the content
 * script the first time the reader or the article is asked for. It only registers its module.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readerModule } from '@/utils/content/reader-controller';
import { registerModule } from '@/utils/content/lazy-registry';

export default defineUnlistedScript(() => registerModule('reader', readerModule));
