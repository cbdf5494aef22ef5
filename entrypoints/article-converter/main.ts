// Chrome's offscreen document for writing articles as Markdown (utils/background/article-converter.ts).
import { serveConversions } from '@/utils/background/article-conversion';

serveConversions();
