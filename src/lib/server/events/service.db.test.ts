import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { auditLog, users } from '../db/schema/index.ts';
import { listEvents, recordAudit, recordEvent } from './service.ts';

describe('events', () => {
	it('form a timeline per subject in the order they happened, with actor, states and note', async () => {
		const [actor] = await db().insert(users).values({ email: 'cs@example.test', name: 'CS', kind: 'staff' }).returning();
		await db().transaction(async (tx) => {
			await recordEvent(tx, { actor: { userId: actor!.id }, subjectType: 'repair', subjectId: 'r1', kind: 'filed', to: 'received' });
			await recordEvent(tx, {
				actor: { userId: actor!.id },
				subjectType: 'repair',
				subjectId: 'r1',
				kind: 'assign',
				from: 'received',
				to: 'assigned',
				note: 'Team B'
			});
			await recordEvent(tx, { actor: null, subjectType: 'repair', subjectId: 'r2', kind: 'filed', to: 'received' });
		});
		const timeline = await listEvents('repair', 'r1');
		expect(timeline.map((e) => [e.kind, e.fromState, e.toState, e.note])).toEqual([
			['filed', null, 'received', ''],
			['assign', 'received', 'assigned', 'Team B']
		]);
		expect(timeline.every((e) => e.actorId === actor!.id && e.at instanceof Date)).toBe(true);
	});

	it('are written only when the transaction that changes the state commits', async () => {
		await expect(
			db().transaction(async (tx) => {
				await recordEvent(tx, { actor: null, subjectType: 'repair', subjectId: 'r3', kind: 'filed' });
				throw new Error('state change failed');
			})
		).rejects.toThrow('state change failed');
		expect(await listEvents('repair', 'r3')).toHaveLength(0);
	});

	it('audit staff actions with the acting user and address', async () => {
		await recordAudit(db(), {
			actor: null,
			action: 'registry.unit.update',
			subjectType: 'unit',
			subjectId: 'u1',
			detail: { areaM2: '88.00' },
			ip: '198.51.100.4'
		});
		const [row] = await db().select().from(auditLog);
		expect(row).toMatchObject({ action: 'registry.unit.update', subjectId: 'u1', ip: '198.51.100.4', detail: { areaM2: '88.00' } });
	});
});

describe('history', () => {
	it('cannot be edited or deleted, not even by hand', async () => {
		const event = await recordEvent(db(), { actor: null, subjectType: 'unit', subjectId: 'u9', kind: 'household.added' });
		await recordAudit(db(), { actor: null, action: 'registry.unit.update', subjectType: 'unit', subjectId: 'u9' });
		await expect(db().execute(sql`update events set note = 'rewritten' where id = ${event.id}`)).rejects.toThrow();
		await expect(db().execute(sql`delete from events where id = ${event.id}`)).rejects.toThrow();
		await expect(db().execute(sql`delete from audit_log`)).rejects.toThrow();
		await expect(db().execute(sql`truncate audit_log`)).rejects.toThrow();
		expect(await listEvents('unit', 'u9')).toHaveLength(1);
	});
});
