import { error } from '@sveltejs/kit';
import { and, desc, eq, ilike, lt, or, sql } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { outbox } from '../db/schema/index.ts';
import { type Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { recordAudit } from '../events/service.ts';
import { isUuid } from '#lib/server/kernel/ids.ts';
import { escapeLike } from '#lib/server/kernel/text-match.ts';
import { DEFAULT_TIME_ZONE } from '#lib/time/index.ts';

export const OUTBOX_PAGE_SIZE = 50;

export interface OutboxSummary {
	id: string;
	channel: 'email' | 'sms';
	recipient: string;
	subject: string;
	createdAt: Date;
	sentAt: Date | null;
	error: string | null;
}

/**
 * Newest first, keyset-paginated. The cursor is the id of the last row shown; its exact
 * created_at is read back in SQL so microsecond timestamps never round-trip through JS. Messages
 * belong to no estate, so their times read in the default zone (`timeZone`).
 */
export async function listOutbox(
	actor: Actor,
	after?: string | null,
	/** Part of the recipient's address or phone number: the messages sent to one person. */
	to = ''
): Promise<{ messages: OutboxSummary[]; next: string | null; timeZone: string }> {
	requireStaff(actor, 'outbox.read');
	const cursor = after && isUuid(after) ? after : null;
	const recipient = to.trim().slice(0, 200);
	const cursorAt = sql`(select ${outbox.createdAt} from ${outbox} where ${outbox.id} = ${cursor})`;
	const rows = await db()
		.select({
			id: outbox.id,
			channel: outbox.channel,
			recipient: outbox.recipient,
			subject: outbox.subject,
			createdAt: outbox.createdAt,
			sentAt: outbox.sentAt,
			error: outbox.error
		})
		.from(outbox)
		.where(
			and(
				cursor ? or(lt(outbox.createdAt, cursorAt), and(eq(outbox.createdAt, cursorAt), lt(outbox.id, cursor))) : undefined,
				recipient ? ilike(outbox.recipient, `%${escapeLike(recipient)}%`) : undefined
			)
		)
		.orderBy(desc(outbox.createdAt), desc(outbox.id))
		.limit(OUTBOX_PAGE_SIZE + 1);
	const messages = rows.slice(0, OUTBOX_PAGE_SIZE);
	return { messages, next: rows.length > OUTBOX_PAGE_SIZE ? messages.at(-1)!.id : null, timeZone: DEFAULT_TIME_ZONE };
}

async function findMessage(actor: Actor, id: string) {
	requireStaff(actor, 'outbox.read');
	if (!isUuid(id)) error(404, 'Not found');
	const [message] = await db().select().from(outbox).where(eq(outbox.id, id));
	if (!message) error(404, 'Not found');
	return message;
}

/** One message without its body (what the page shows before anyone asks to read it). */
export async function outboxMessageHeader(actor: Actor, id: string): Promise<OutboxSummary & { timeZone: string }> {
	const { body: _body, ...header } = await findMessage(actor, id);
	return { ...header, timeZone: DEFAULT_TIME_ZONE };
}

/**
 * One message with its body. Bodies hold sign-in and reset links, so each reading is audited —
 * an explicit action (a form post), never a page load, which a hovered link would trigger.
 */
export async function readOutboxMessage(actor: Actor, id: string, ip = '') {
	const message = await findMessage(actor, id);
	await recordAudit(db(), { actor, action: 'outbox.read', subjectType: 'outbox', subjectId: id, ip });
	return message;
}
