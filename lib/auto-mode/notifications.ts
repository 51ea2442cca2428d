import { browser } from 'wxt/browser';

/** Notifications are optional: asked for when auto mode is turned on, and may be refused. */
export async function notificationsAllowed(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ permissions: ['notifications'] });
  } catch {
    return false;
  }
}

/**
 * Asks for notifications, from the click that turns auto mode on (browsers ask only from a user
 * gesture). Refused or unanswered, auto mode works the same, without them.
 */
export async function askForNotifications(): Promise<boolean> {
  try {
    return await browser.permissions.request({ permissions: ['notifications'] });
  } catch {
    return false;
  }
}
