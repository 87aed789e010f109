import { heartbeat } from '@temporalio/activity';

/**
 * Tells Temporal the page is still being worked on, so that a page whose worker died is handed to
 * another worker after the heartbeat timeout instead of the whole attempt's. Outside an activity
 * (a direct call in a test) there is nobody to tell.
 */
export function keepAlive(): void {
  try {
    heartbeat();
  } catch {
    // not running as an activity
  }
}
