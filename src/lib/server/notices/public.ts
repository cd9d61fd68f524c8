/**
 * The notices an estate shows to everyone, in its public widget (server/widget): those the office
 * marked public, published and not expired, newest first — titles and texts only, no audience.
 */
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import { db, type Executor } from '../db/client.ts';
import { notices } from '../db/schema/index.ts';

export function publicNotices(estateId: string, executor: Executor = db(), now = new Date(), limit = 5) {
	return executor
		.select({ id: notices.id, title: notices.title, body: notices.body, urgent: notices.urgent, publishedAt: notices.publishedAt })
		.from(notices)
		.where(
			and(
				eq(notices.estateId, estateId),
				eq(notices.public, true),
				eq(notices.state, 'published'),
				or(isNull(notices.expiresAt), gt(notices.expiresAt, now))
			)
		)
		.orderBy(desc(notices.pinned), desc(notices.publishedAt))
		.limit(limit);
}
