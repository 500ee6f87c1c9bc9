import { reactive } from 'vue';
import type { NotificationPage } from '@hub/contracts';
import { api, post } from './api';
import { refreshOn } from './live';

/** The unit's 通知 (hit alerts) and the signed-in person's unread count, kept fresh by the live feed. */
export const notifications = reactive<{ page: NotificationPage | undefined; error: string }>({ page: undefined, error: '' });

export async function loadNotifications(): Promise<void> {
  try {
    notifications.page = await api<NotificationPage>('notifications');
    notifications.error = '';
  } catch (failure) {
    notifications.error = (failure as Error).message;
  }
}

let stop: (() => void) | undefined;

/** Loads now and again whenever a hit alert or verdict arrives on the live feed (a unit's session only). */
export function watchNotifications(): void {
  stop?.();
  void loadNotifications();
  stop = refreshOn(['hit.'], () => void loadNotifications());
}

export function unwatchNotifications(): void {
  stop?.();
  stop = undefined;
  notifications.page = undefined;
}

export async function markRead(id: string): Promise<void> {
  await post(`notifications/${encodeURIComponent(id)}/read`, undefined);
  await loadNotifications();
}

export async function giveVerdict(id: string, verdict: 'confirmed' | 'false_positive', note: string): Promise<void> {
  await post(`notifications/${encodeURIComponent(id)}/feedback`, { verdict, ...(note.trim() ? { note: note.trim() } : {}), eventId: crypto.randomUUID() });
  await markRead(id);
}
