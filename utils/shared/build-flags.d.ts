/** True in the test build (`npm run build:test`), false in what users install; replaced at build time (wxt.config.ts). */
declare const __TEST_BUILD__: boolean;
