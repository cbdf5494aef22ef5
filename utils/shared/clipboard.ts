/**
 * Copying text, the one way every view does it. In a web page only the Clipboard API is used
 * (a fallback would touch the page's DOM and selection); extension pages pass their document
 * for the selection-and-copy route that older engines, or a page without focus, still allow.
 */
export async function copyText(text: string, fallbackIn?: Document): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!fallbackIn) return false;
    const area = fallbackIn.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    fallbackIn.body.append(area);
    area.select();
    // The only way to copy where the Clipboard API is refused (a page not focused); deprecated, still everywhere.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    const copied = fallbackIn.execCommand('copy');
    area.remove();
    return copied;
  }
}
