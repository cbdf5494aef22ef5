// Unit tests run outside a browser: the words come from the English catalog, as in an English browser.
import en from '@/assets/public/_locales/en/messages.json';
import { useCatalog } from '@/utils/i18n/words';

useCatalog(en);
