// The applicant's renovation pages through their real loads and form actions: starting an
// application, saving the form with its messages at the fields, and a refused submission.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { db } from '#lib/server/db/client.ts';
import { renovationApplications } from '#lib/server/db/schema/index.ts';
import type { Actor } from '#lib/server/auth/actor.ts';
import * as fx from '#lib/server/property/testing/fixtures.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { failure, success } from '../../../../tests/action-result.ts';
import { actions as listActions, load as listLoad } from './+page.server.ts';
import { actions as pageActions, load as pageLoad } from './[id]/+page.server.ts';

let resident: Actor;
let neighbour: Actor;
let unitId: string;

beforeAll(async () => {
	const e = await fx.estate();
	const b = await fx.building(e.id, 'R1');
	const [unit, other] = await fx.unitsIn(b, 2);
	unitId = unit!.id;
	const me = await fx.residentUser('Applicant');
	const them = await fx.residentUser('Neighbour');
	await fx.occupy(unitId, { userId: me.id });
	await fx.occupy(other!.id, { userId: them.id });
	resident = await fx.actorOf(me.id);
	neighbour = await fx.actorOf(them.id);
});

async function start(): Promise<string> {
	const answer = await thrown(() => listActions.start(fakeEvent({ actor: resident, form: { unitId } })));
	expect(answer.status).toBe(303);
	return answer.location!.split('/').at(-1)!;
}

describe('the renovation pages', () => {
	it('starts an application from the list and shows it there with its reference and step', async () => {
		const id = await start();
		const list = await listLoad(fakeEvent({ actor: resident }));
		expect(list.applications.find((a) => a.id === id)).toMatchObject({ state: 'draft', reference: expect.stringMatching(/^Z\d{6}$/) });
		expect(list.units.map((u) => u.id)).toEqual([unitId]);
		// Someone else's unit is refused at the field.
		const refused = failure(await listActions.start(fakeEvent({ actor: neighbour, form: { unitId } })));
		expect(refused.status).toBe(400);
		expect(refused.data.errors).toEqual({ unitId: m.renovations_unit_not_yours() });
	});

	it('saves the form, and on bad input answers 400 with every message at its field and what was typed', async () => {
		const id = await start();
		const form = {
			plannedStart: '2027-03-01',
			plannedEnd: '2027-02-01',
			scope: 'Kitchen and bathroom',
			areaM2: 'about 80',
			works: ['plumbing', 'waterproofing'],
			contractorCompany: 'Kowloon Builders',
			contractorLicence: 'KB-123456',
			contractorGrade: '3',
			contractorEmail: 'not-an-email',
			contractorPhone: ''
		};
		const bad = failure(await pageActions.save(fakeEvent({ actor: resident, params: { id }, form })));
		expect(bad.status).toBe(400);
		expect(bad.data.errors).toMatchObject({
			plannedEnd: m.renovations_end_before_start(),
			areaM2: m.renovations_area_invalid(),
			contractorGrade: m.renovations_grade_too_low(),
			contractorEmail: m.field_email_invalid()
		});
		expect(bad.data.values).toMatchObject({ scope: 'Kitchen and bathroom', works: ['plumbing', 'waterproofing'] });
		const [untouched] = await db().select().from(renovationApplications).where(eq(renovationApplications.id, id));
		expect(untouched!.scope).toBe('');

		const good = { ...form, plannedEnd: '2027-04-30', areaM2: '80', contractorGrade: '1', contractorEmail: 'office@kowloon-builders.test' };
		expect(success(await pageActions.save(fakeEvent({ actor: resident, params: { id }, form: good })))).toMatchObject({
			saved: true
		});
		const page = await pageLoad(fakeEvent({ actor: resident, params: { id } }));
		expect(page.values).toMatchObject({
			scope: 'Kitchen and bathroom',
			areaM2: '80.00',
			contractorGrade: '1',
			works: ['plumbing', 'waterproofing']
		});
		expect(page.actions).toEqual(expect.arrayContaining(['edit', 'submit', 'withdraw']));
		expect(page.holders).toEqual(['applicant', 'contractor']);
		// The papers are missing: the submission is refused with the checklist's message, at the checklist.
		expect(page.checklist.beforeSubmit).toContain('drawing');
		const refused = failure(await pageActions.submit(fakeEvent({ actor: resident, params: { id } })));
		expect(refused.data.errors).toEqual({ checklist: m.renovations_incomplete() });
		// Listed apart, needed later: the insurance policy (before the fees step ends), and over 200 m² the fire authority's receipt (for the fire-safety review).
		expect(page.checklist.later).toEqual(['insurance']);
		await pageActions.save(fakeEvent({ actor: resident, params: { id }, form: { ...good, areaM2: '240' } }));
		const large = await pageLoad(fakeEvent({ actor: resident, params: { id } }));
		expect(large.checklist.later).toEqual(['fire_authority_receipt', 'insurance']);
		expect(large.checklist.beforeSubmit).not.toContain('fire_authority_receipt');
	});

	it('answers 404 to a neighbour for the page and both forms', async () => {
		const id = await start();
		expect((await thrown(() => pageLoad(fakeEvent({ actor: neighbour, params: { id } })))).status).toBe(404);
		expect((await thrown(() => pageActions.save(fakeEvent({ actor: neighbour, params: { id }, form: { scope: 'x' } })))).status).toBe(404);
		expect((await thrown(() => pageActions.submit(fakeEvent({ actor: neighbour, params: { id } })))).status).toBe(404);
	});
});
