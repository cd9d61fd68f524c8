import { beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { db } from '#lib/server/db/client.ts';
import { auditLog, repairCallbacks, repairSignoffSettings } from '#lib/server/db/schema/index.ts';
import { ensureDefaultCalendar } from '#lib/server/calendar/store.ts';
import { actorFor, completedRepair, DAY, makeCallbackEstate, makeKind } from '#lib/server/callbacks/testing.ts';
import { loadSignoffSettings } from '#lib/server/dictionaries/signoff-settings.ts';
import { sweepEstateDeadlines } from '#lib/server/deadlines/sweep.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { load } from './+page.server.ts';
import * as dictionaries from '../admin/dictionaries/+page.server.ts';

type Failed = { status: number; data: { form: { errors: Record<string, string[] | undefined> } } };

beforeAll(async () => {
	await ensureDefaultCalendar(db());
});

async function overdueCallback() {
	const place = await makeCallbackEstate();
	const desk = place.staff.customer_service!;
	// Due a week before now: past its deadline, and its assignee told by the sweep.
	const { callback } = await completedRepair(place, (await makeKind()).id, new Date(Date.now() - 14 * DAY));
	await db()
		.update(repairCallbacks)
		.set({ assigneeId: desk.id, assigneeRole: 'customer_service' })
		.where(eq(repairCallbacks.id, callback.id));
	await sweepEstateDeadlines(db(), place.estate.id, new Date());
	return { place, desk, callback };
}

describe('/staff/overdue', () => {
	it('lists what I hold past its deadline, with when I was told', async () => {
		const { desk, callback } = await overdueCallback();
		const data = await load(fakeEvent({ actor: await actorFor(desk.id), path: '/staff/overdue' }));
		expect(data).toMatchObject({ scope: 'mine', oversees: false, figures: [] });
		expect(data.groups.map((g) => g.kind)).toEqual(['callback']);
		expect(data.groups[0]!.rows).toMatchObject([{ href: `/staff/callbacks/${callback.id}`, escalated: null }]);
		expect(data.groups[0]!.rows[0]!.told).not.toBeNull();
		// The estates' view is the managers': the desk asking for it gets its own list.
		const asked = await load(fakeEvent({ actor: await actorFor(desk.id), path: '/staff/overdue?scope=estates' }));
		expect(asked.scope).toBe('mine');
	});

	it('gives the managers every overdue case of their estates and the figures by kind', async () => {
		const { place } = await overdueCallback();
		const manager = await actorFor(place.staff.manager!.id);
		const data = await load(fakeEvent({ actor: manager, path: '/staff/overdue?scope=estates' }));
		expect(data).toMatchObject({ scope: 'estates', oversees: true });
		expect(data.figures).toHaveLength(1);
		expect(data.figures[0]).toMatchObject({ estateId: place.estate.id, total: 1, overdue: { callback: 1, promise: 0 } });
		expect(data.groups.map((g) => [g.kind, g.rows.length])).toEqual([['callback', 1]]);
	});
});

describe('the sign-off tab of the dictionaries', () => {
	it('saves the reminder and close days, audited, and refuses a close not after the reminder at its field', async () => {
		const { place } = await overdueCallback();
		const manager = await actorFor(place.staff.manager!.id);
		try {
			const bad = (await dictionaries.actions.saveSignoff(
				fakeEvent({ actor: manager, form: { remindAfterDays: '4', closeAfterDays: '3' } })
			)) as unknown as Failed;
			expect(bad.status).toBe(400);
			expect(bad.data.form.errors.closeAfterDays).toBeDefined();
			expect(await loadSignoffSettings()).toEqual({ remindAfterDays: 3, closeAfterDays: 7 });

			const saved = await thrown(() =>
				dictionaries.actions.saveSignoff(fakeEvent({ actor: manager, form: { remindAfterDays: '2', closeAfterDays: '10' } }))
			);
			expect(saved).toMatchObject({ status: 303, location: '/staff/admin/dictionaries?tab=signoff&saved=1' });
			expect(await loadSignoffSettings()).toEqual({ remindAfterDays: 2, closeAfterDays: 10 });
			const [audit] = await db()
				.select()
				.from(auditLog)
				.where(and(eq(auditLog.subjectType, 'repair_signoff_settings'), eq(auditLog.actorId, manager.userId)))
				.orderBy(desc(auditLog.id));
			expect(audit).toMatchObject({ action: 'dictionary.signoff_settings.update' });
			expect(audit!.detail).toMatchObject({ before: { closeAfterDays: 7 }, after: { closeAfterDays: 10 } });

			const page = await dictionaries.load(fakeEvent({ actor: manager, path: '/staff/admin/dictionaries?tab=signoff' }));
			expect(page.tab).toBe('signoff');
			expect(page.signoffForm.data).toEqual({ remindAfterDays: 2, closeAfterDays: 10 });
		} finally {
			await db().delete(repairSignoffSettings);
		}
	});
});
