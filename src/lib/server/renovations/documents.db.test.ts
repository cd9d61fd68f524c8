import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { companyMembers, events, files, renovationApplications, renovationDocuments } from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import * as fx from '../property/testing/fixtures.ts';
import { InputError } from '../kernel/input-error.ts';
import { localDirectoryStorage } from '../storage/local-directory.ts';
import { storage, useStorage } from '../storage/configured.ts';
import { saveApplication, startApplication, submissionChecklist, submitApplication } from './applications.ts';
import { addDocument, documentLimits } from './documents.ts';
import { applicationDocuments, renovationFileFor } from './queries.ts';
import { drawingPdf, dwgBytes, dxfBytes, programBytes } from './testing/drawings.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-renovation-documents-'));
let member: Actor;
let neighbour: Actor;
let stranger: Actor;
let applicationId: string;

const form = {
	plannedStart: '2027-01-04',
	plannedEnd: '2027-02-26',
	scope: 'New partition walls',
	areaM2: '86.5',
	works: ['walls'],
	contractorCompany: 'Harbour Fit-Out Ltd',
	contractorLicence: '91440300MA5F0XYZ1K',
	contractorGrade: '2',
	contractorEmail: 'site@harbour-fitout.test',
	contractorPhone: ''
};
const pdfBytes = () => new TextEncoder().encode('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

async function refusal(promise: Promise<unknown>): Promise<InputError> {
	const err = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(err).toBeInstanceOf(InputError);
	return err as InputError;
}

beforeAll(async () => {
	useStorage(localDirectoryStorage(dir));
	const e = await fx.estate();
	const b = await fx.building(e.id, 'T1');
	const [unit, otherUnit] = await fx.unitsIn(b, 2, 'office');
	const acme = await fx.company('Acme Trading');
	const memberUser = await fx.residentUser('Member');
	await db().insert(companyMembers).values({ companyId: acme.id, userId: memberUser.id, role: 'member' });
	await fx.occupy(unit!.id, { companyId: acme.id }, 'renter', '2024-01-01', '2099-12-31');
	const neighbourUser = await fx.residentUser('Neighbour');
	await fx.occupy(otherUnit!.id, { userId: neighbourUser.id }, 'owner');
	member = await fx.actorOf(memberUser.id);
	neighbour = await fx.actorOf(neighbourUser.id);
	stranger = await fx.contractorActor();
	applicationId = await startApplication(member, unit!.id);
	await saveApplication(member, applicationId, form);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('adding documents to a renovation application', () => {
	it('draws every page of a drawing PDF as a sheet of revision 1, with a large and a small image of each', async () => {
		const ids = await addDocument(member, applicationId, { kind: 'drawing', name: '12F partitions.pdf', data: await drawingPdf(3) });
		expect(ids).toHaveLength(3);
		const sheets = await db()
			.select()
			.from(renovationDocuments)
			.where(eq(renovationDocuments.applicationId, applicationId))
			.orderBy(asc(renovationDocuments.sheet));
		expect(sheets.map((s) => [s.revision, s.sheet, s.page, s.name])).toEqual([
			[1, 1, 1, '12F partitions.pdf'],
			[1, 2, 2, '12F partitions.pdf'],
			[1, 3, 3, '12F partitions.pdf']
		]);
		expect(new Set(sheets.map((s) => s.fileId)).size).toBe(1);
		const [preview] = await db().select().from(files).where(eq(files.id, sheets[1]!.previewFileId!));
		const [thumb] = await db().select().from(files).where(eq(files.id, sheets[1]!.thumbFileId!));
		expect(preview).toMatchObject({ contentType: 'image/png', width: 2400 });
		expect(thumb).toMatchObject({ contentType: 'image/png', width: 360 });
		expect(await storage().get(preview!.storageKey)).not.toBeNull();
		const [event] = await db()
			.select()
			.from(events)
			.where(and(eq(events.subjectId, applicationId), eq(events.kind, 'upload')));
		expect(event?.data).toMatchObject({ kind: 'drawing', revision: 1, sheets: [1, 3] });
	});

	it('numbers a further drawing file on from the sheets the revision has, and keeps a DWG and a DXF by their signatures', async () => {
		await addDocument(member, applicationId, { kind: 'drawing', name: 'services.dwg', data: dwgBytes() });
		await addDocument(member, applicationId, { kind: 'drawing', name: 'ceiling.dxf', data: dxfBytes() });
		const documents = await applicationDocuments(applicationId);
		const cad = documents.filter((d) => d.contentType !== 'application/pdf');
		expect(cad.map((d) => [d.sheet, d.contentType, d.hasPreview])).toEqual([
			[4, 'image/vnd.dwg', false],
			[5, 'image/vnd.dxf', false]
		]);
	});

	it('refuses a text file named .pdf, a renamed executable, an empty and an oversize file, each with its message, and keeps nothing', async () => {
		const before = (await applicationDocuments(applicationId)).length;
		const fake = await refusal(
			addDocument(member, applicationId, { kind: 'contract', name: 'contract.pdf', data: new TextEncoder().encode('not a pdf') })
		);
		expect(fake.field).toBe('file');
		expect(fake.message).toContain('contract.pdf');
		expect(fake.message).toContain('PDF, PNG, JPEG');
		const program = await refusal(addDocument(member, applicationId, { kind: 'drawing', name: 'plans.pdf', data: programBytes() }));
		expect(program.message).toMatch(/program/);
		const empty = await refusal(
			addDocument(member, applicationId, { kind: 'business_licence', name: 'licence.pdf', data: new Uint8Array(0) })
		);
		expect(empty.message).toMatch(/empty/);
		const big = await refusal(
			addDocument(member, applicationId, { kind: 'drawing', name: 'huge.pdf', data: new Uint8Array(documentLimits.maxBytes + 1) })
		);
		expect(big.message).toMatch(/at most 50 MB/);
		const dwgAsLicence = await refusal(
			addDocument(member, applicationId, { kind: 'business_licence', name: 'licence.dwg', data: dwgBytes() })
		);
		expect(dwgAsLicence.message).toContain('PDF, PNG, JPEG');
		const broken = await refusal(
			addDocument(member, applicationId, { kind: 'drawing', name: 'broken.pdf', data: new TextEncoder().encode('%PDF-1.7\ngarbage') })
		);
		expect(broken.message).toMatch(/damaged/);
		expect((await applicationDocuments(applicationId)).length).toBe(before);
	});

	it('completes the checklist with the papers, then submits; after submission no document can be added', async () => {
		for (const kind of ['contract', 'business_licence', 'qualification', 'materials_list', 'material_certificate'] as const) {
			await addDocument(member, applicationId, { kind, name: `${kind}.pdf`, data: pdfBytes() });
		}
		const [application] = await db().select().from(renovationApplications).where(eq(renovationApplications.id, applicationId));
		expect(await submissionChecklist(db(), application!)).toEqual([]);
		await submitApplication(member, applicationId);
		const late = await refusal(addDocument(member, applicationId, { kind: 'insurance', name: 'late.pdf', data: pdfBytes() }));
		expect(late.field).toBe('');
	});

	it('serves a document and its drawn sheets to the applicant, and 404 to a neighbour, an uninvited contractor and for a bad variant', async () => {
		const [sheet] = (await applicationDocuments(applicationId)).filter((d) => d.sheet === 2);
		const original = await renovationFileFor(member, sheet!.id, 'original');
		expect(original.file.contentType).toBe('application/pdf');
		expect(original.filename).toMatch(/^Z\d{6}-1-2-12F partitions\.pdf$/);
		expect((await renovationFileFor(member, sheet!.id, 'thumb')).file.contentType).toBe('image/png');
		for (const other of [neighbour, stranger]) {
			await expect(renovationFileFor(other, sheet!.id, 'original')).rejects.toMatchObject({ status: 404 });
			await expect(addDocument(other, applicationId, { kind: 'contract', name: 'x.pdf', data: pdfBytes() })).rejects.toMatchObject({
				status: 404
			});
		}
		const [contract] = (await applicationDocuments(applicationId)).filter((d) => d.kind === 'contract');
		await expect(renovationFileFor(member, contract!.id, 'preview')).rejects.toMatchObject({ status: 404 });
		await expect(renovationFileFor(member, 'not-a-uuid', 'original')).rejects.toMatchObject({ status: 404 });
	});
});
