/**
 * Copies `text` to the clipboard. The async Clipboard API needs a secure context and the
 * permission; where it is missing or refused, the text is selected in `fallback` and the
 * legacy copy command tried, so the person can at least press Ctrl+C on the selection.
 */
export async function copyText(text: string, fallback: HTMLElement | null): Promise<'copied' | 'selected'> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard API');
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    if (!fallback) return 'selected';
    const range = document.createRange();
    range.selectNodeContents(fallback);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    // Deprecated, but still the only way without the Clipboard API; its answer is honest.
    return document.execCommand('copy') ? 'copied' : 'selected';
  }
}

/** Saves `text` as a file through a temporary object URL. */
export function downloadText(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
