import { useEffect, useRef } from 'react';

/** Fields where a key is text: a shortcut there would eat what the person types. */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['range', 'radio', 'checkbox', 'button', 'submit'].includes(target.type);
}

/**
 * Single-key shortcuts for the whole panel. Ignored while typing, with Ctrl / ⌘ / Alt (the
 * browser's and the desktop menu's), and while a modal dialog is open (it owns the keys).
 * `onKey` returns true when it used the key.
 */
export function usePanelKeys(onKey: (key: string) => boolean): void {
  const handler = useRef(onKey);
  useEffect(() => {
    handler.current = onKey;
  });
  useEffect(() => {
    const listen = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      if (handler.current(event.key)) event.preventDefault();
    };
    window.addEventListener('keydown', listen);
    return () => window.removeEventListener('keydown', listen);
  }, []);
}
