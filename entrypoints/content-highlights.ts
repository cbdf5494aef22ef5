/**
 * Highlighting in a page (the session, toolbar, card, anchoring and painting), loaded by the
 * content script the first time it is needed. It only registers its module.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { highlightsModule } from '@/utils/content/highlights-session';
import { registerModule } from '@/utils/content/lazy-registry';

export default defineUnlistedScript(() => registerModule('highlights', highlightsModule));
