import { Notification } from 'electron';
import type { TurnoutState } from '../../shared/contract/state';
import { notificationsFor, type DesktopNotification } from './notifications';

export interface NotifierOptions {
  initial: TurnoutState;
  onState(listener: (state: TurnoutState) => void): () => void;
  icon: string;
  /** Clicking a notification opens the window. */
  onClick(): void;
}

/** Native notifications for what notifications.ts picks out: an environment down, an update rolled back or failed. */
export function startNotifier(options: NotifierOptions): () => void {
  let previous = options.initial;
  const show = (note: DesktopNotification): void => showNotification(note, options);
  const offState = options.onState((state) => {
    for (const note of notificationsFor(previous, state)) show(note);
    previous = state;
  });
  return offState;
}

/** Also used for tray errors: a tray click has no window to show its failure in. */
export function showNotification(note: DesktopNotification, options: { icon: string; onClick(): void }): void {
  if (!Notification.isSupported()) {
    console.log(`turnout: ${note.title}: ${note.body}`);
    return;
  }
  // The key is the id (macOS identifier, Windows tag): a flapping environment replaces its notice instead of stacking up.
  const notification = new Notification({ id: note.key, title: note.title, body: note.body, icon: options.icon });
  notification.on('click', () => options.onClick());
  notification.show();
}
