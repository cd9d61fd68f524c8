import { beforeAll, describe, expect, it } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { auditLog, outbox } from '../db/schema/index.ts';
import { recordAudit } from '../events/service.ts';
import type { Actor } from '../auth/actor.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import * as outboxRoute from '../../../routes/staff/admin/outbox/+page.server.ts';
import * as messageRoute from '../../../routes/staff/admin/outbox/[id]/+page.server.ts';
import * as auditRoute from '../../../routes/staff/admin/audit/+page.server.ts';
import { OUTBOX_PAGE_SIZE, listOutbox, readOutboxMessage } from './outbox.ts';
import { AUDIT_PAGE_SIZE, listAudit } from './audit.ts';
import { actorFor, makeStaff } from '../residents/test-fixtures.ts';

let admin: Actor;
let manager: Actor;
let clerk: Actor;

beforeAll(async () => {
	admin = await actorFor((await makeStaff('Ada Admin', ['admin'])).id);
	manager = await actorFor((await makeStaff('Mo Manager', ['manager'])).id);
	clerk = await actorFor((await makeStaff('Cleo Clerk', ['customer_service'])).id);
	// Two rows share one timestamp so the keyset must break the tie by id.
	const base = Date.parse('2026-01-01T00:00:00Z');
	await db()
		.insert(outbox)
		.values(
			Array.from({ length: OUTBOX_PAGE_SIZE + 5 }, (_, i) => ({
				channel: 'email' as const,
				recipient: `r${i}@example.com`,
				subject: `Message ${i}`,
				body: `Body ${i}: https://lobby.example/reset/secret${i}`,
				createdAt: new Date(base + Math.min(i, OUTBOX_PAGE_SIZE + 3) * 1000),
				sentAt: i % 2 ? new Date(base) : null
			}))
		);
});

describe('outbox', () => {
	it('lists every message newest first across keyset pages without gaps or repeats', async () => {
		const first = await listOutbox(admin);
		expect(first.messages).toHaveLength(OUTBOX_PAGE_SIZE);
		expect(first.messages[0]!.subject).toMatch(/^Message 5[34]$/);
		const second = await listOutbox(admin, first.next);
		expect(second.next).toBeNull();
		const all = [...first.messages, ...second.messages].map((m) => m.subject);
		expect(new Set(all).size).toBe(OUTBOX_PAGE_SIZE + 5);
		expect(all.at(-1)).toBe('Message 0');
	});

	it('finds the messages sent to one address by part of it, a wildcard typed taken literally', async () => {
		const found = await listOutbox(admin, null, ' R7@EXAMPLE ');
		expect(found.messages.map((m) => m.recipient)).toEqual(['r7@example.com']);
		expect((await listOutbox(admin, null, 'r%')).messages).toEqual([]);
		expect((await listOutbox(admin, null, 'r1')).messages.map((m) => m.recipient).sort()).toEqual(
			['r1@example.com', ...Array.from({ length: 10 }, (_, i) => `r1${i}@example.com`)].sort()
		);
	});

	it('opens a message without its body and records nothing, then shows the body on "read" and records who read it', async () => {
		const [row] = await db().select().from(outbox).where(eq(outbox.subject, 'Message 7'));
		const params = { id: row!.id };
		const { message } = await messageRoute.load(fakeEvent({ actor: admin, params, ip: '192.0.2.9' }));
		expect(message).toMatchObject({ subject: 'Message 7', recipient: 'r7@example.com' });
		expect(message).not.toHaveProperty('body');
		// Opening (or preloading, when a link is hovered) the page writes nothing.
		expect(await db().select().from(auditLog).where(eq(auditLog.subjectId, row!.id))).toEqual([]);

		const read = await messageRoute.actions.read(fakeEvent({ actor: admin, params, ip: '192.0.2.9', form: {} }));
		expect(read.body).toContain('secret7');
		const [audit] = await db().select().from(auditLog).where(eq(auditLog.subjectId, row!.id));
		expect(audit).toMatchObject({ action: 'outbox.read', actorId: admin.userId, ip: '192.0.2.9' });
	});

	it('refuses staff without outbox.read with 403, and answers 404 for unknown ids', async () => {
		const [row] = await db().select().from(outbox).limit(1);
		for (const actor of [manager, clerk]) {
			expect((await thrown(() => outboxRoute.load(fakeEvent({ actor })))).status).toBe(403);
			expect((await thrown(() => messageRoute.load(fakeEvent({ actor, params: { id: row!.id } })))).status).toBe(403);
			expect((await thrown(() => messageRoute.actions.read(fakeEvent({ actor, params: { id: row!.id }, form: {} })))).status).toBe(403);
		}
		expect((await thrown(() => readOutboxMessage(admin, 'garbage'))).status).toBe(404);
		expect((await thrown(() => readOutboxMessage(admin, '00000000-0000-4000-8000-000000000000'))).status).toBe(404);
	});
});

describe('audit log', () => {
	it('pages newest first with the actor name, without gaps or repeats', async () => {
		for (let i = 0; i < AUDIT_PAGE_SIZE + 3; i++) {
			await recordAudit(db(), { actor: manager, action: 'account.profile_updated', subjectType: 'user', subjectId: manager.userId });
		}
		const [newest] = await db().select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);

		const first = await listAudit(admin);
		expect(first.entries[0]).toMatchObject({ key: `a${newest!.id}`, actorName: 'Mo Manager', code: 'account.profile_updated' });
		const second = await listAudit(admin, { before: first.next });
		const keys = [...first.entries, ...second.entries].map((e) => Number(e.key.slice(1)));
		expect(keys).toEqual([...keys].sort((a, b) => b - a));
		expect(new Set(keys).size).toBe(keys.length);
		expect(second.next).toBeNull();
	});

	it('refuses staff without audit.read with 403 and ignores a malformed cursor', async () => {
		expect((await thrown(() => auditRoute.load(fakeEvent({ actor: clerk })))).status).toBe(403);
		const page = await auditRoute.load(fakeEvent({ actor: admin, path: '/staff/admin/audit?before=1;drop' }));
		expect(page.entries.length).toBeGreaterThan(0);
		expect(page.paged).toBe(true);
	});

	it('keeps a change that belongs to no estate (an account) from a manager: admins read those', async () => {
		const page = await listAudit(manager);
		expect(page.entries.filter((e) => e.code === 'account.profile_updated')).toEqual([]);
	});
});
