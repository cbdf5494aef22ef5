/**
 * Where Clearmark's panels live in a web page: closed shadow roots, and what is typed in them
 * kept from the page by the guard that listens from document_start (docs/adr/0011).
 */
import type { PanelPlace } from '@/components/shared/floating-panel';
import { deliverInside, guardHost, typingIsPrivate } from './private-input-guard';

export const IN_PAGE: PanelPlace = {
  mode: 'closed',
  guard: (host, shadow, deliver) =>
    guardHost(host, (event) => {
      deliverInside(event, shadow);
      deliver(event);
    }),
  typingPrivate: typingIsPrivate,
};
