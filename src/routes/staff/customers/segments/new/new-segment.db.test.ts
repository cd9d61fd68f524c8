import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { fakeEvent, thrown } from '../../../../../../tests/request-event.ts';
import { failure } from '../../../../../../tests/action-result.ts';
import { db } from '#lib/server/db/client.ts';
import { customerTypes, segments } from '#lib/server/db/schema/index.ts';
import { ensureDefaultDictionaries } from '#lib/server/dictionaries/defaults.ts';
import { estate, staffActor } from '#lib/server/property/testing/fixtures.ts';
import { actions } from './+page.server.ts';
import { actions as segmentActions } from '../[id]/+page.server.ts';

type Form = Record<string, string | string[]>;
const post = (actor: Awaited<ReturnType<typeof staffActor>>, form: Form) =>
	actions.default(fakeEvent({ actor, path: '/staff/customers/segments/new', form }));

describe('the segment form, posted without JavaScript', () => {
	it('answers every field’s problem at its field, with what was typed', async () => {
		const place = await estate();
		const office = await staffActor(['customer_service'], [place.id]);
		const answer = failure(
			await post(office, {
				name: '',
				arrears: 'overdue',
				arrearsMin: 'lots',
				areaMin: '-1',
				renovation: 'period',
				renovationFrom: '2026-05-01',
				below: '3'
			})
		);
		expect(answer.status).toBe(400);
		expect(Object.keys(answer.data.errors).sort()).toEqual(['areaMin', 'arrearsMin', 'name', 'renovationTo', 'surveyId']);
		expect(answer.data.values).toMatchObject({ arrears: 'overdue', arrearsMin: 'lots' });
	});

	it('saves the ticked types, grades and estates, and edits them on the segment’s page', async () => {
		const place = await estate();
		const other = await estate();
		const office = await staffActor(['customer_service'], [place.id]);
		await ensureDefaultDictionaries(db());
		const [key] = await db().select().from(customerTypes).where(eq(customerTypes.code, 'key_account'));
		const outside = failure(await post(office, { name: 'Theirs', estateIds: [other.id] }));
		expect(outside.data.errors).toEqual({ estateIds: expect.any(String) });
		const done = await thrown(() =>
			post(office, { name: 'Key accounts A/B', typeIds: [key!.id], grades: ['A', 'B'], estateIds: [place.id], areaMin: '50.5' })
		);
		expect(done.status).toBe(303);
		const id = done.location!.split('/').at(-1)!;
		const [saved] = await db().select().from(segments).where(eq(segments.id, id));
		expect(saved!.filter).toMatchObject({ typeIds: [key!.id], grades: ['A', 'B'], estateIds: [place.id], areaMin: 50.5, arrears: null });
		const edited = await thrown(() =>
			segmentActions.save(
				fakeEvent({ actor: office, params: { id }, path: `/staff/customers/segments/${id}?/save`, form: { name: 'Grade A', grades: 'A' } })
			)
		);
		expect(edited.status).toBe(303);
		const [after] = await db().select().from(segments).where(eq(segments.id, id));
		expect(after).toMatchObject({ name: 'Grade A', filter: { grades: ['A'], typeIds: [], areaMin: null } });
	});
});
