// The Markdown converter Firefox's background page loads on the first article export (utils/background/article-converter.ts).
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { offerConverter } from '@/utils/background/article-conversion';

export default defineUnlistedScript({ include: ['firefox'], main: () => offerConverter() });
