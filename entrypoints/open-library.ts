/**
 * The first script of the extension pages that read the library (popup, library, saved copy): a
 * classic script, run as the page's HTML is read, that starts opening the database while the
 * page's modules are still being fetched (utils/background/storage/early-connection.ts).
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { openEarly } from '@/utils/background/storage/early-connection';
import { DB_NAME, DB_VERSION } from '@/utils/background/storage/database-version';

export default defineUnlistedScript(() => openEarly(DB_NAME, DB_VERSION));
