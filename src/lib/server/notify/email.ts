import { eq, inArray } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import { db, type Executor } from '../db/client.ts';
import { files, outbox } from '../db/schema/index.ts';
import { storage } from '../storage/configured.ts';
import { config } from '../config.ts';

/** A stored file sent along with an email (a receipt PDF); the bytes are read when it is sent. */
export interface EmailAttachment {
	fileId: string;
	filename: string;
	contentType: string;
}

export interface Email {
	to: string;
	subject: string;
	text: string;
	attachments?: EmailAttachment[];
}

let transporter: Transporter | null | undefined;

/** nodemailer over SMTP_URL when it is set; otherwise mail stays in the outbox table. */
async function smtp(): Promise<Transporter | null> {
	if (transporter !== undefined) return transporter;
	const url = config().mail.smtpUrl;
	if (!url) return (transporter = null);
	const { createTransport } = await import('nodemailer');
	transporter = createTransport(url);
	return transporter;
}

/** Tests install a transport that records what it is given; undefined goes back to SMTP_URL. */
export function useMailTransport(transport: Pick<Transporter, 'sendMail'> | null | undefined): void {
	transporter = transport as Transporter | null | undefined;
}

/** The attachments' bytes from storage; a file that is gone fails the send like an SMTP error (recorded on the outbox row). */
async function attachmentContents(attachments: readonly EmailAttachment[]) {
	if (attachments.length === 0) return [];
	const rows = await db()
		.select({ id: files.id, storageKey: files.storageKey })
		.from(files)
		.where(
			inArray(
				files.id,
				attachments.map((a) => a.fileId)
			)
		);
	return Promise.all(
		attachments.map(async (attachment) => {
			const row = rows.find((r) => r.id === attachment.fileId);
			const stored = row ? await storage().get(row.storageKey) : null;
			if (!stored) throw new Error(`The attachment ${attachment.filename} (file ${attachment.fileId}) is not stored.`);
			const content = Buffer.from(await new Response(stored.body).arrayBuffer());
			return { filename: attachment.filename, contentType: attachment.contentType, content };
		})
	);
}

function mailFrom(): string {
	return config().mail.from;
}

/**
 * Writes the message to the outbox with the caller's executor, so it can be part of a
 * transaction; deliverEmail hands it to SMTP afterwards. Returns the outbox row's id, or null when
 * a row with the given `id` is there already (a job that runs again writes its email once).
 */
export async function recordEmail(executor: Executor, email: Email, id?: string): Promise<string | null> {
	const [row] = await executor
		.insert(outbox)
		.values({ ...(id ? { id } : {}), channel: 'email', recipient: email.to, subject: email.subject, body: email.text })
		.onConflictDoNothing({ target: outbox.id })
		.returning({ id: outbox.id });
	return row?.id ?? null;
}

/** Sends an outbox row over SMTP when SMTP is configured, and records the outcome on the row. */
export async function deliverEmail(outboxId: string, email: Email): Promise<void> {
	const transport = await smtp();
	if (!transport) return;
	try {
		const attachments = await attachmentContents(email.attachments ?? []);
		await transport.sendMail({
			from: mailFrom(),
			to: email.to,
			subject: email.subject,
			text: email.text,
			...(attachments.length ? { attachments } : {})
		});
		await db().update(outbox).set({ sentAt: new Date() }).where(eq(outbox.id, outboxId));
	} catch (err) {
		await db()
			.update(outbox)
			.set({ error: err instanceof Error ? err.message : String(err) })
			.where(eq(outbox.id, outboxId));
	}
}
