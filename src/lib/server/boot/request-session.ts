import { validateSessionToken, type ValidatedSession } from '../auth/sessions.ts';
import { requestMemo } from '../kernel/request-memo.ts';
import { heldOccupancies } from '../property/occupancy.ts';
import { unreadNotifications } from '../notify/inbox.ts';

/** What nearly every signed-in page asks about its actor: read with the session (kernel/request-memo.ts). */
const signedInPrefetch = [heldOccupancies, unreadNotifications];

/**
 * The session of a request's cookie and its actor, as the server reads them for every signed-in
 * request (hooks.server.ts): a read-only request's actor carries a memo, seeded in the same
 * statement with the occupancies it holds and its unread notifications.
 */
export function requestSession(token: string, method: string, now = new Date()): Promise<ValidatedSession | null> {
	return validateSessionToken(token, now, requestMemo(method), signedInPrefetch);
}
