import { eq } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import { db, type Executor } from '../db/client.ts';
import { outbox } from '../db/schema/index.ts';

export interface Email {
	to: string;
	subject: string;
	text: string;
}

let transporter: Transporter | null | undefined;

/** nodemailer over SMTP_URL when it is set; otherwise mail stays in the outbox table. */
async function smtp(): Promise<Transporter | null> {
	if (transporter !== undefined) return transporter;
	const url = process.env.SMTP_URL;
	if (!url) return (transporter = null);
	const { createTransport } = await import('nodemailer');
	transporter = createTransport(url);
	return transporter;
}

export function mailFrom(): string {
	return process.env.MAIL_FROM ?? 'Lobby <no-reply@lobby.local>';
}

/**
 * Writes the message to the outbox with the caller's executor, so it can be part of a
 * transaction; deliverEmail hands it to SMTP afterwards. Returns the outbox row's id.
 */
export async function recordEmail(executor: Executor, email: Email): Promise<string> {
	const [row] = await executor
		.insert(outbox)
		.values({ channel: 'email', recipient: email.to, subject: email.subject, body: email.text })
		.returning({ id: outbox.id });
	return row!.id;
}

/** Sends an outbox row over SMTP when SMTP is configured, and records the outcome on the row. */
export async function deliverEmail(outboxId: string, email: Email): Promise<void> {
	const transport = await smtp();
	if (!transport) return;
	try {
		await transport.sendMail({ from: mailFrom(), to: email.to, subject: email.subject, text: email.text });
		await db().update(outbox).set({ sentAt: new Date() }).where(eq(outbox.id, outboxId));
	} catch (err) {
		await db()
			.update(outbox)
			.set({ error: err instanceof Error ? err.message : String(err) })
			.where(eq(outbox.id, outboxId));
	}
}

/** Records the message in the outbox, then delivers it when SMTP is configured. */
export async function sendEmail(email: Email): Promise<void> {
	await deliverEmail(await recordEmail(db(), email), email);
}
