import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { db } from '../db/client.ts';
import {
	archiveEntries,
	companyMembers,
	events,
	files,
	notifications,
	renovationApplications,
	renovationDocuments
} from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import * as fx from '../property/testing/fixtures.ts';
import { InputError } from '../kernel/input-error.ts';
import { saveApplication, startApplication, submissionChecklist, submitApplication, withdrawApplication } from './applications.ts';
import { renovationPage } from './queries.ts';
import { loadApplication } from './access.ts';

let unitId: string;
let otherUnitId: string;
let member: Actor;
let landlord: Actor;
let neighbour: Actor;
let laterOccupant: Actor;
let stranger: Actor;
let desk: Actor;
let otherEstateDesk: Actor;

const completeForm = {
	plannedStart: '2027-01-04',
	plannedEnd: '2027-02-26',
	scope: 'New partition walls and lighting in the meeting rooms',
	areaM2: '86.5',
	works: ['walls', 'electrical'],
	contractorCompany: 'Harbour Fit-Out Ltd',
	contractorLicence: '91440300MA5F0XYZ1K',
	contractorGrade: '2',
	contractorEmail: 'Site@Harbour-Fitout.test',
	contractorPhone: '+852 2123 4567'
};

async function addDocument(applicationId: string, kind: typeof renovationDocuments.$inferInsert.kind, uploadedBy: string) {
	const [file] = await db()
		.insert(files)
		.values({
			storageKey: `test/${crypto.randomUUID()}`,
			contentType: 'application/pdf',
			bytes: 1000,
			sha256: '0'.repeat(64),
			subjectType: 'renovation',
			subjectId: applicationId,
			uploadedBy
		})
		.returning();
	const drawing = kind === 'drawing' ? { revision: 1, sheet: 1, page: 1 } : {};
	await db()
		.insert(renovationDocuments)
		.values({ applicationId, kind, fileId: file!.id, name: `${kind}.pdf`, uploadedBy, ...drawing });
}

beforeAll(async () => {
	const e = await fx.estate();
	const other = await fx.estate();
	const b = await fx.building(e.id, 'T1');
	const [unit, otherUnit] = await fx.unitsIn(b, 2, 'office');
	unitId = unit!.id;
	otherUnitId = otherUnit!.id;
	// A company rents the unit; its member applies for it. The owner has let it.
	const acme = await fx.company('Acme Trading');
	const memberUser = await fx.residentUser('Member');
	await db().insert(companyMembers).values({ companyId: acme.id, userId: memberUser.id, role: 'member' });
	const landlordUser = await fx.residentUser('Landlord');
	await fx.occupy(unitId, { userId: landlordUser.id }, 'owner', '2020-01-01');
	await fx.occupy(unitId, { companyId: acme.id }, 'renter', '2024-01-01', '2099-12-31');
	// A later occupant of a unit that changed hands: not this application's.
	const neighbourUser = await fx.residentUser('Neighbour');
	await fx.occupy(otherUnitId, { userId: neighbourUser.id }, 'owner');
	member = await fx.actorOf(memberUser.id);
	landlord = await fx.actorOf(landlordUser.id);
	neighbour = await fx.actorOf(neighbourUser.id);
	laterOccupant = await fx.actorOf((await fx.residentUser('Later')).id);
	stranger = await fx.contractorActor();
	desk = await fx.staffActor(['customer_service'], [e.id]);
	otherEstateDesk = await fx.staffActor(['customer_service'], [other.id]);
});

describe('starting and saving a renovation application', () => {
	it('starts a draft for the company that rents the unit, and refuses a unit the resident does not hold', async () => {
		const id = await startApplication(member, unitId);
		const [row] = await db().select().from(renovationApplications).where(eq(renovationApplications.id, id));
		expect(row!.state).toBe('draft');
		expect(row!.applicantId).toBe(member.userId);
		await expect(startApplication(member, otherUnitId)).rejects.toThrow(InputError);
		await expect(startApplication(member, otherUnitId)).rejects.toMatchObject({ field: 'unitId', message: m.renovations_unit_not_yours() });
	});

	it('saves the form with every field checked, and refuses a grade-3 contractor at the field without saving anything', async () => {
		const id = await startApplication(member, unitId);
		await saveApplication(member, id, completeForm);
		const [saved] = await db().select().from(renovationApplications).where(eq(renovationApplications.id, id));
		expect(saved).toMatchObject({
			plannedStart: '2027-01-04',
			areaM2: '86.50',
			works: ['walls', 'electrical'],
			contractorGrade: 2,
			contractorLicence: '91440300MA5F0XYZ1K',
			contractorEmail: 'site@harbour-fitout.test'
		});
		await expect(saveApplication(member, id, { ...completeForm, contractorGrade: '3', scope: 'changed' })).rejects.toMatchObject({
			field: 'contractorGrade',
			message: m.renovations_grade_too_low()
		});
		await expect(saveApplication(member, id, { ...completeForm, plannedEnd: '2026-12-01' })).rejects.toMatchObject({
			field: 'plannedEnd',
			message: m.renovations_end_before_start()
		});
		await expect(saveApplication(member, id, { ...completeForm, works: ['walls', 'demolish everything'] })).rejects.toMatchObject({
			field: 'works'
		});
		const [after] = await db().select().from(renovationApplications).where(eq(renovationApplications.id, id));
		expect(after!.scope).toBe(completeForm.scope);
		// A draft may be saved half done: nothing is required until it is submitted.
		await saveApplication(member, id, { scope: 'Only the scope so far' });
		const [half] = await db().select().from(renovationApplications).where(eq(renovationApplications.id, id));
		expect(half).toMatchObject({ scope: 'Only the scope so far', plannedStart: null, works: [], contractorGrade: null });
	});
});

describe('submitting a renovation application', () => {
	it('refuses to submit until the checklist is complete, then submits once and records every step', async () => {
		const id = await startApplication(member, unitId);
		await saveApplication(member, id, completeForm);
		const { application } = await loadApplication(db(), member, id);
		expect(await submissionChecklist(db(), application)).toEqual([
			'contract',
			'business_licence',
			'qualification',
			'materials_list',
			'material_certificate',
			'drawing'
		]);
		await expect(submitApplication(member, id)).rejects.toMatchObject({ field: 'checklist', message: m.renovations_incomplete() });
		for (const kind of [
			'power_of_attorney',
			'business_licence',
			'qualification',
			'materials_list',
			'material_certificate',
			'drawing'
		] as const)
			await addDocument(id, kind, member.userId);
		await submitApplication(member, id);
		const [row] = await db().select().from(renovationApplications).where(eq(renovationApplications.id, id));
		expect(row!.state).toBe('submitted');
		expect(row!.submittedAt).not.toBeNull();
		// Submitted once: a second submit is told the application moved on, and the form is closed.
		await expect(submitApplication(member, id)).rejects.toThrow(InputError);
		await expect(saveApplication(member, id, completeForm)).rejects.toThrow(InputError);
		const kinds = await db()
			.select({ kind: events.kind, to: events.toState })
			.from(events)
			.where(and(eq(events.subjectType, 'renovation'), eq(events.subjectId, id)))
			.orderBy(asc(events.id));
		expect(kinds).toEqual([
			{ kind: 'started', to: 'draft' },
			{ kind: 'edit', to: 'draft' },
			{ kind: 'submit', to: 'submitted' }
		]);
	});

	it('lists the fire authority receipt for an area over 200 m² without holding the submission back', async () => {
		const id = await startApplication(member, unitId);
		await saveApplication(member, id, { ...completeForm, areaM2: '240' });
		const { application } = await loadApplication(db(), member, id);
		expect(await submissionChecklist(db(), application)).not.toContain('fire_authority_receipt');
	});
});

describe('who sees an application', () => {
	it('gives the landlord, a neighbour, a later occupant, an uninvited contractor and another estate’s desk a 404; the desk of its estate reads it', async () => {
		const id = await startApplication(member, unitId);
		for (const actor of [landlord, neighbour, laterOccupant, stranger, otherEstateDesk]) {
			await expect(loadApplication(db(), actor, id)).rejects.toMatchObject({ status: 404 });
			// Staff never act through the applicant's forms (403); anyone else is told there is no such application.
			await expect(saveApplication(actor, id, completeForm)).rejects.toMatchObject({ status: actor.kind === 'staff' ? 403 : 404 });
		}
		const seen = await loadApplication(db(), desk, id);
		expect([...seen.capacities]).toEqual(['desk']);
		// The desk reads it (its own pages come with registration) but does not fill it in for the applicant.
		await expect(saveApplication(desk, id, completeForm)).rejects.toMatchObject({ status: 403 });
		await expect(submitApplication(desk, id)).rejects.toMatchObject({ status: 403 });
		await expect(loadApplication(db(), member, 'not-a-uuid')).rejects.toMatchObject({ status: 404 });
	});
});

describe('withdrawing an application', () => {
	it('asks for the reason, then withdraws it for good, keeps it on record and tells the applicant', async () => {
		const id = await startApplication(member, unitId);
		await expect(withdrawApplication(member, id, '  ')).rejects.toMatchObject({ field: 'reason' });
		await withdrawApplication(member, id, 'The landlord did not agree to the works.');
		const { application } = await loadApplication(db(), member, id);
		expect(application.state).toBe('withdrawn');
		await expect(saveApplication(member, id, completeForm)).rejects.toMatchObject({ field: '' });
		const page = await renovationPage(member, id);
		expect(page.timeline.map((e) => [e.kind, e.note])).toContainEqual(['withdraw', 'The landlord did not agree to the works.']);
		const told = await db()
			.select({ kind: notifications.kind })
			.from(notifications)
			.where(and(eq(notifications.subjectId, id), eq(notifications.userId, member.userId)));
		expect(told.map((n) => n.kind)).toEqual(['renovation.withdrawn']);
		// The notice is filed in the unit's file, in the applicant's part, with to whom and how it went.
		const filed = await db()
			.select()
			.from(archiveEntries)
			.where(and(eq(archiveEntries.sourceId, id), eq(archiveEntries.kind, 'notice')));
		expect(filed).toHaveLength(1);
		expect(filed[0]).toMatchObject({
			unitId,
			occupancyId: application.occupancyId,
			sourceType: 'renovation',
			summary: { renovationState: 'withdrawn', delivery: [{ name: 'Member', channels: ['inbox', 'email'] }] }
		});
	});
});
