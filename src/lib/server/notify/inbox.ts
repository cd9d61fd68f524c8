import { error } from '@sveltejs/kit';
import { and, count, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { notifications } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireSignedIn } from '../auth/guards.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { remembered, type Prefetch } from '#lib/server/kernel/request-memo.ts';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';

export const INBOX_PAGE_SIZE = 30;

export interface InboxItem {
	id: string;
	kind: string;
	title: string;
	body: string;
	createdAt: Date;
	read: boolean;
}

/**
 * The actor's own notifications, newest first, keyset-paginated: `before` is the id of the last
 * one shown. A cursor that is not the actor's own reads as the first page. A notification belongs
 * to no estate, so its time reads in the default zone (`timeZone`).
 */
export async function listInbox(
	actor: Actor | null | undefined,
	before?: string | null
): Promise<{ items: InboxItem[]; next: string | null; timeZone: string }> {
	requireSignedIn(actor);
	const mine = eq(notifications.userId, actor.userId);
	const cursor = before && isUuid(before) ? before : null;
	// Read back in SQL so microsecond timestamps never round-trip through JS.
	const cursorAt = sql`(select ${notifications.createdAt} from ${notifications} where ${notifications.id} = ${cursor} and ${notifications.userId} = ${actor.userId})`;
	const rows = await db()
		.select({
			id: notifications.id,
			kind: notifications.kind,
			title: notifications.title,
			body: notifications.body,
			createdAt: notifications.createdAt,
			readAt: notifications.readAt
		})
		.from(notifications)
		.where(
			and(
				mine,
				cursor
					? or(lt(notifications.createdAt, cursorAt), and(eq(notifications.createdAt, cursorAt), lt(notifications.id, cursor)))
					: undefined
			)
		)
		.orderBy(desc(notifications.createdAt), desc(notifications.id))
		.limit(INBOX_PAGE_SIZE + 1);
	const items = rows.slice(0, INBOX_PAGE_SIZE).map(({ readAt, ...item }) => ({ ...item, read: readAt !== null }));
	return { items, next: rows.length > INBOX_PAGE_SIZE ? items.at(-1)!.id : null, timeZone: DEFAULT_TIME_ZONE };
}

const UNREAD = Symbol('unreadCount');

/** How many of the actor's notifications are unread; once per read-only request (every page's header shows it). */
export async function unreadCount(actor: Actor | null | undefined): Promise<number> {
	requireSignedIn(actor);
	return remembered(actor.memo, UNREAD, async () => {
		const [row] = await db()
			.select({ n: count() })
			.from(notifications)
			.where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
		return row?.n ?? 0;
	});
}

/** unreadCount read along with the request's session (hooks.server.ts). */
export const unreadNotifications: Prefetch<number> = {
	key: UNREAD,
	column: (userId) =>
		sql`(select count(*) from ${notifications} where ${notifications.userId} = ${userId} and ${notifications.readAt} is null)`,
	read: (value) => Number(value)
};

/** Marks one of the actor's notifications read and returns where it leads; anyone else's is a 404. */
export async function openNotification(actor: Actor | null | undefined, id: string, now = new Date()): Promise<string> {
	requireSignedIn(actor);
	if (!isUuid(id)) error(404, 'Not found');
	const mine = and(eq(notifications.id, id), eq(notifications.userId, actor.userId));
	// coalesce keeps the first reading time when it is opened again.
	const [row] = await db()
		.update(notifications)
		.set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
		.where(mine)
		.returning({ link: notifications.link });
	if (!row) error(404, 'Not found');
	return row.link;
}

/** Marks every unread notification of the actor read; returns how many. */
export async function markAllRead(actor: Actor | null | undefined, now = new Date()): Promise<number> {
	requireSignedIn(actor);
	const rows = await db()
		.update(notifications)
		.set({ readAt: now })
		.where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
		.returning({ id: notifications.id });
	return rows.length;
}
