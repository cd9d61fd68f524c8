// The demo data, plus the few records it lacks, as the second-actor test needs them: who tries
// (every kind of "second actor"), and one real record of every kind that a route names by id.
import { randomString } from '#lib/server/auth/tokens.ts';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, asc, desc, eq, isNotNull, like, sql } from 'drizzle-orm';
import { database, db } from '#lib/server/db/client.ts';
import {
	bills,
	buildings,
	creditNotes,
	companyMembers,
	emergencyContacts,
	estates,
	files,
	goodsReleaseSlips,
	householdMembers,
	notices,
	occupancies,
	renovationDocuments,
	renovationPermits,
	renovationWorkerPasses,
	surveyRecipients,
	surveys,
	surveyTemplates,
	outbox,
	payments,
	receipts,
	repairCallbacks,
	repairKinds,
	repairOrders,
	residentCompanies,
	staffEstates,
	staffRoles,
	units,
	users,
	appointmentSlots,
	repairTeams,
	complaintKinds,
	complaints,
	customers,
	serviceApplicationKinds,
	widgetRequests
} from '#lib/server/db/schema/index.ts';
import { loadActor, type Actor } from '#lib/server/auth/actor.ts';
import { hashSecret } from '#lib/server/auth/tokens.ts';
import { staffRoleNames } from '#lib/server/auth/permissions.ts';
import { seedDemo } from '#lib/server/seed/demo.ts';
import { acme, beacon, demoContractor, demoNeighbour, demoResident } from '#lib/server/seed/demo-data.ts';
import { addDays, businessToday } from '#lib/time/index.ts';
import { billReference } from '#lib/references.ts';
import { storage, useStorage } from '#lib/server/storage/configured.ts';
import { localDirectoryStorage } from '#lib/server/storage/local-directory.ts';
import { file, smallPng } from '#lib/server/files/test-images.ts';
import { startApplication } from '#lib/server/renovations/applications.ts';
import { createNotice } from '#lib/server/notices/office.ts';
import { createSegment } from '#lib/server/customers/segments.ts';
import { createSurvey, sendBatch, sendSurvey } from '#lib/server/surveys/sending.ts';
import { ensureDefaultSurveyTemplates } from '#lib/server/surveys/templates.ts';
import { addDocument } from '#lib/server/renovations/documents.ts';
import { fileRepair } from '#lib/server/repairs/intake.ts';
import { fileComplaint } from '#lib/server/complaints/intake.ts';
import { submitApplication } from '#lib/server/service-applications/service.ts';
import { addEmergencyContact, addHouseholdMember } from '#lib/server/residents/household.ts';
import { startPayment } from '#lib/server/payments/service.ts';
import { setPaymentProvider } from '#lib/server/payments/providers.ts';
import { sandboxProvider } from '#lib/server/payments/sandbox.ts';
import { requestRefund } from '#lib/server/fees/refunds.ts';
import { applyMoveOut } from '#lib/server/moves/move-out.ts';
import { requestCorrection } from '#lib/server/fees/corrections.ts';
import { completeCallback } from '#lib/server/callbacks/service.ts';
import { issuePasswordToken, RESET_TTL_MS } from '#lib/server/accounts/password-reset.ts';
import { requestRelease } from '#lib/server/goods-release/requests.ts';
import { issueRelease } from '#lib/server/goods-release/transitions.ts';
import { bookVisit } from '#lib/server/visits/steps.ts';

/** Everyone who tries a record that is not theirs. */
export const secondActors = [
	'second resident',
	'other company',
	'landlord',
	'later occupant',
	// A contractor account that was never invited onto the record's application (the demo one joined Acme's).
	'uninvited contractor',
	'unpermitted staff',
	'other-estate staff',
	'signed out'
] as const;
export type SecondActor = (typeof secondActors)[number];

/** The demo's staff, by the address they sign in with. */
export const demoStaffEmails = {
	admin: 'admin@lobby.test',
	manager: 'manager@lobby.test',
	service: 'service@lobby.test',
	engineer: 'engineer@lobby.test',
	lead: 'lead@lobby.test',
	security: 'security@lobby.test',
	finance: 'finance@lobby.test'
} as const;
export type DemoStaff = keyof typeof demoStaffEmails;

export const SECRET_MEMBER = 'Wong Private Member 黃私人';
export const SECRET_CONTACT = 'Wong Private Contact 黃聯絡';
export const SECRET_GOODS = 'Wong Private Piano 黃私人鋼琴';
const HOUR = 3_600_000;

export interface World {
	people: {
		/** Chan Tai Man, owner-occupier of HVG A-12A: bills, a payment, a receipt, a deposit refund. */
		chan: Actor;
		/** The renter of HVG B-8C: a repair with a photo, a household member and a contact of its own. */
		neighbour: Actor;
		acmeAdmin: Actor;
		staff: Record<DemoStaff, Actor>;
		second: Record<Exclude<SecondActor, 'unpermitted staff'>, Actor | null>;
	};
	ids: {
		hvg: string;
		chanUnit: string;
		neighbourUnit: string;
		neighbourOccupancy: string;
		neighbourRepair: string;
		neighbourRenovation: string;
		neighbourRenovationDocument: string;
		neighbourRenovationSheet: string;
		neighbourPermit: string;
		neighbourPermitCode: string;
		neighbourPass: string;
		/** The neighbour's goods release slip, issued for today, and the token its QR code carries (the gate's link). */
		neighbourSlip: string;
		neighbourSlipToken: string;
		/** A visit the office booked with the neighbour's occupancy, waiting for the neighbour's answer. */
		neighbourVisit: string;
		survey: string;
		/** A survey sent to Harbour View and open; the neighbour's link in it, and the neighbour's building. */
		openSurvey: string;
		neighbourSurveyRecipient: string;
		/** A notice sent to the renters of B-8C (the neighbour), before the later occupant's day. */
		neighbourNotice: string;
		/** The file sent with it. */
		neighbourNoticeFile: string;
		/** A notice the office keeps as a draft, to the same renters: still open to editing. */
		draftNotice: string;
		neighbourBuilding: string;
		/** The annual survey's template (the admin's to edit). */
		surveyTemplate: string;
		/** A customer segment with no filter: everyone occupying a unit (Chan among them). */
		segment: string;
		neighbourPhoto: string;
		neighbourComplaint: string;
		neighbourComplaintPhoto: string;
		/** The neighbour's after-hours air-conditioning application (engineering's to decide). */
		neighbourService: string;
		neighbourMember: string;
		neighbourContact: string;
		/** The same kind of records of the same occupancy, for the registry's unit page. */
		registryMember: string;
		registryContact: string;
		chanBill: string;
		chanPayment: string;
		chanCheckoutRef: string;
		chanReceipt: string;
		chanRefund: string;
		/** The neighbour's move-out application (its own occupancy of B-8C; the landlord is not its party). */
		neighbourMoveOut: string;
		/** A credit note on Chan's open bill (a bill correction) and its numbered document. */
		chanCorrection: string;
		chanCreditNote: string;
		chanCallback: string;
		signedCallback: string;
		acme: string;
		acmeMember: string;
		/** Chan as the office classifies him (rule 11): a customer of HVG only. */
		chanCustomer: string;
		outboxMessage: string;
		engineer2: string;
		hvgSlot: string;
		hvgTeam: string;
		evaluationToken: string;
		resetToken: string;
		/** A visitor's request through HVG's public widget, waiting for its code. */
		widgetRequest: string;
	};
	/** What a caller would quote to the front desk (/staff/find) about the records above. */
	typed: { chanPhone: string; neighbourRepairReference: string; chanBillReference: string };
	today: string;
	/** A photo any form with a photo field posts. */
	photo: File;
	/** A small PDF a document upload posts. */
	pdf: File;
	dispose(): void;
}

/** A record the world needs; its absence means the demo data changed, and says which record. */
function must<T>(value: T | null | undefined, what: string): T {
	if (value === null || value === undefined) throw new Error(`the second-actor world has no ${what}: update tests/second-actor/world.ts`);
	return value;
}

async function userId(email: string): Promise<string> {
	const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
	if (!row) throw new Error(`the demo data has no account ${email}`);
	return row.id;
}

async function actorByEmail(email: string): Promise<Actor> {
	const actor = await loadActor(await userId(email), null);
	if (!actor) throw new Error(`no actor for ${email}`);
	return actor;
}

async function unitOf(estateId: string, building: string, number: string): Promise<string> {
	const [row] = await db()
		.select({ id: units.id })
		.from(units)
		.innerJoin(buildings, eq(buildings.id, units.buildingId))
		.where(and(eq(units.estateId, estateId), eq(buildings.code, building), eq(units.number, number)));
	if (!row) throw new Error(`no unit ${building}-${number}`);
	return row.id;
}

/** A user of the given kind, with an optional occupancy or staff access. */
async function addUser(name: string, kind: 'resident' | 'staff'): Promise<string> {
	const [user] = await db()
		.insert(users)
		.values({ name, kind, email: `${name.toLowerCase().replace(/\W+/g, '.')}@second-actor.test` })
		.returning({ id: users.id });
	return user!.id;
}

/** Callbacks of a unit's repairs, oldest first. */
async function callbacksOfUnit(unitId: string): Promise<string[]> {
	const rows = await db()
		.select({ id: repairCallbacks.id })
		.from(repairCallbacks)
		.innerJoin(repairOrders, eq(repairOrders.id, repairCallbacks.repairId))
		.where(eq(repairOrders.unitId, unitId))
		.orderBy(asc(repairCallbacks.createdAt));
	return rows.map((r) => r.id);
}

/** The demo data with everything the routes need a real record of; seeded once per test file. */
export async function buildWorld(): Promise<World> {
	const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-second-actor-'));
	// Files of a worker share loaded modules: the storage in use before is put back at the end.
	const previousStorage = storage();
	useStorage(localDirectoryStorage(storageDir));
	setPaymentProvider('sandbox', sandboxProvider('second-actor-test-secret'));
	setPaymentProvider('stripe', null);

	const outcome = await seedDemo(database());
	if (!outcome.seeded) throw new Error(`the demo data was not loaded: ${outcome.reason}`);

	const [hvg] = await db().select().from(estates).where(eq(estates.code, 'HVG'));
	const [cpt] = await db().select().from(estates).where(eq(estates.code, 'CPT'));
	const today = businessToday(must(hvg, 'the estate HVG'));
	const chanUnit = await unitOf(must(hvg, 'the estate HVG').id, demoResident.building, demoResident.unit);
	const neighbourUnit = await unitOf(must(hvg, 'the estate HVG').id, demoNeighbour.building, demoNeighbour.unit);

	const staff = Object.fromEntries(
		await Promise.all(Object.entries(demoStaffEmails).map(async ([key, email]) => [key, await actorByEmail(email)]))
	) as Record<DemoStaff, Actor>;
	const chan = await actorByEmail(demoResident.email);
	const neighbour = await actorByEmail(demoNeighbour.email);

	// The owner of B-8C, which the neighbour rents: the landlord of a let flat.
	const [landlordRow] = await db()
		.select({ userId: occupancies.userId })
		.from(occupancies)
		.where(and(eq(occupancies.unitId, neighbourUnit), eq(occupancies.role, 'owner'), isNotNull(occupancies.userId)));
	// A resident of another flat of the same estate.
	const [secondRow] = await db()
		.select({ userId: occupancies.userId })
		.from(occupancies)
		.innerJoin(units, eq(units.id, occupancies.unitId))
		.innerJoin(users, eq(users.id, occupancies.userId))
		.where(and(eq(units.estateId, must(hvg, 'the estate HVG').id), eq(occupancies.role, 'owner'), like(users.email, 'resident0%')))
		.orderBy(desc(users.email))
		.limit(1);

	// The neighbour files a repair with a photo, and it is dated yesterday: a later occupant moves in today.
	const [kind] = await db().select({ id: repairKinds.id }).from(repairKinds).where(eq(repairKinds.code, 'water_leak'));
	const filed = await fileRepair(
		neighbour,
		{
			unitId: neighbourUnit,
			kindId: must(kind, 'the repair kind water_leak').id,
			location: 'unit',
			locationDetail: 'Bathroom',
			description: 'Water drips from the bathroom ceiling.',
			contactName: demoNeighbour.name,
			contactPhone: '+852 9123 4567',
			enterWhenAbsent: false,
			accessNotes: '',
			appointment: 'call',
			slotId: ''
		},
		[file(await smallPng(), 'ceiling.png', 'image/png')]
	);
	await db()
		.update(repairOrders)
		.set({ createdAt: sql`${repairOrders.createdAt} - interval '1 day'` })
		.where(eq(repairOrders.id, filed.id));
	const [photo] = await db().select({ id: files.id }).from(files).where(eq(files.subjectId, filed.id));
	// The neighbour's complaint with a photo, dated yesterday like the repair (a later occupant must not see it).
	const [complaintKind] = await db().select({ id: complaintKinds.id }).from(complaintKinds).limit(1);
	const complained = await fileComplaint(
		neighbour,
		{
			unitId: neighbourUnit,
			kindId: must(complaintKind, 'a complaint kind').id,
			location: 'unit',
			locationDetail: '',
			content: 'Renovation noise from the flat above after 11 pm.',
			complainantName: demoNeighbour.name,
			companyName: '',
			phone: '+852 9123 4567'
		},
		[file(await smallPng(), 'noise.png', 'image/png')]
	);
	await db()
		.update(complaints)
		.set({ createdAt: sql`${complaints.createdAt} - interval '1 day'` })
		.where(eq(complaints.id, complained.id));
	const [complaintPhoto] = await db().select({ id: files.id }).from(files).where(eq(files.subjectId, complained.id));
	// The neighbour's service application: after-hours air-conditioning, waiting for engineering.
	const [aircon] = await db()
		.select({ id: serviceApplicationKinds.id })
		.from(serviceApplicationKinds)
		.where(eq(serviceApplicationKinds.code, 'after_hours_aircon'));
	const applied = await submitApplication(neighbour, {
		unitId: neighbourUnit,
		kindId: must(aircon, 'the after-hours air-conditioning kind').id,
		answers: { date: addDays(today, 30), from: '19:00', to: '22:00', hours: '3', area: 'Whole flat' }
	});

	// Two of each: one for the resident's unit page, one for the registry's, so that a hole in one
	// (a record removed) does not hide a hole in the other.
	const household: Record<'resident' | 'registry', { member: string; contact: string }> = {
		resident: { member: '', contact: '' },
		registry: { member: '', contact: '' }
	};
	for (const page of ['resident', 'registry'] as const) {
		const tag = page === 'resident' ? '' : ' (registry)';
		await addHouseholdMember(neighbour, neighbourUnit, { name: SECRET_MEMBER + tag, relation: 'Sibling', phone: '' });
		await addEmergencyContact(neighbour, neighbourUnit, { name: SECRET_CONTACT + tag, relation: 'Parent', phone: '+852 9876 5432' });
		const [member] = await db()
			.select({ id: householdMembers.id })
			.from(householdMembers)
			.where(eq(householdMembers.name, SECRET_MEMBER + tag));
		const [contact] = await db()
			.select({ id: emergencyContacts.id })
			.from(emergencyContacts)
			.where(eq(emergencyContacts.name, SECRET_CONTACT + tag));
		household[page] = { member: member!.id, contact: contact!.id };
	}
	// The neighbour starts a renovation application: the occupancy's own, like its repairs.
	const neighbourRenovation = await startApplication(neighbour, neighbourUnit);
	const [neighbourRenovationDocument] = await addDocument(neighbour, neighbourRenovation, {
		kind: 'contract',
		name: 'contract.pdf',
		data: new TextEncoder().encode('%PDF-1.4\n%%EOF\n')
	});
	const [neighbourRenovationSheet] = await addDocument(neighbour, neighbourRenovation, {
		kind: 'drawing',
		name: 'plan.png',
		data: await smallPng()
	});
	// Its construction permit, as the three signatures would issue it (written here: the access rule
	// under test is the application's, whatever step it is at).
	const [neighbourPermit] = await db()
		.insert(renovationPermits)
		.values({ applicationId: neighbourRenovation, code: randomString(20), validFrom: today, validTo: today })
		.returning();
	// A draft survey of the manager's estates (the annual template).
	await ensureDefaultSurveyTemplates(db());
	const [template] = await db().select({ id: surveyTemplates.id }).from(surveyTemplates).limit(1);
	const survey = await createSurvey(staff.manager, template!.id);
	const [sheetFile] = await db()
		.select({ fileId: renovationDocuments.fileId })
		.from(renovationDocuments)
		.where(eq(renovationDocuments.id, neighbourRenovationSheet!));
	const [neighbourPass] = await db()
		.insert(renovationWorkerPasses)
		.values({
			applicationId: neighbourRenovation,
			permitId: neighbourPermit!.id,
			name: 'Worker',
			idLast4: '1234',
			photoFileId: sheetFile!.fileId,
			code: randomString(20),
			issuedBy: neighbour.userId
		})
		.returning();
	// The neighbour's goods release slip (the occupancy's own, like its repairs), issued by the desk for today.
	const neighbourSlip = await requestRelease(neighbour, neighbourUnit, {
		validOn: today,
		items: SECRET_GOODS,
		vehiclePlate: '',
		carrier: ''
	});
	await issueRelease(staff.service, neighbourSlip.id);
	const [neighbourSlipRow] = await db()
		.select({ token: goodsReleaseSlips.token })
		.from(goodsReleaseSlips)
		.where(eq(goodsReleaseSlips.id, neighbourSlip.id));
	const [neighbourOccupancy] = await db()
		.select({ id: occupancies.id })
		.from(occupancies)
		.where(and(eq(occupancies.unitId, neighbourUnit), eq(occupancies.userId, neighbour.userId)));
	const neighbourVisit = await bookVisit(staff.service, {
		occupancyId: must(neighbourOccupancy, "the neighbour's occupancy").id,
		startsAt: `${addDays(today, 3)}T10:00`,
		purpose: 'The yearly visit'
	});

	// An open survey of Harbour View, every household given its link (the neighbour's among them):
	// the resident's survey page and the staff's results, export, report and letters.
	const openSurvey = await createSurvey(staff.manager, template!.id);
	await db()
		.update(surveys)
		.set({ audience: { estateIds: [must(hvg, 'the estate HVG').id], buildingIds: [] } })
		.where(eq(surveys.id, openSurvey));
	await sendSurvey(staff.manager, openSurvey);
	while (await sendBatch(db(), openSurvey));
	const [neighbourSurvey] = await db()
		.select({ id: surveyRecipients.id, buildingId: surveyRecipients.buildingId })
		.from(surveyRecipients)
		.where(and(eq(surveyRecipients.surveyId, openSurvey), eq(surveyRecipients.occupancyId, neighbourOccupancy!.id)));

	// A notice to the renters of B-8C only, published before the later occupant moves in: the
	// neighbour reads it; the landlord (an owner) and the later occupant were never sent it.
	const neighbourNotice = await createNotice(
		staff.service,
		{
			estateId: must(hvg, 'the estate HVG').id,
			titleEn: 'Water cut',
			bodyEn: 'The water is cut on Friday.',
			targets: [`unit:${neighbourUnit}`],
			party: 'renter'
		},
		new Date(),
		[file(new TextEncoder().encode('%PDF-1.4\n%%EOF\n'), 'water-cut.pdf', 'application/pdf')]
	);
	const [noticeFile] = await db().select({ attachments: notices.attachments }).from(notices).where(eq(notices.id, neighbourNotice));
	const draftNotice = await createNotice(staff.service, {
		estateId: must(hvg, 'the estate HVG').id,
		titleEn: 'Lift maintenance',
		bodyEn: 'Lift 2 stops on Monday.',
		targets: [`unit:${neighbourUnit}`],
		party: 'renter',
		when: 'draft'
	});
	const segment = await createSegment(staff.service, { name: 'Everyone' });

	// A renter of B-8C whose occupancy starts today, after the neighbour's repair was filed.
	const laterId = await addUser('Later Occupant', 'resident');
	await db().insert(occupancies).values({ unitId: neighbourUnit, userId: laterId, role: 'renter', startsOn: today });

	// Staff of the other estate only, holding every role but admin (admins see every estate).
	const otherEstateId = await addUser('Other Estate Staff', 'staff');
	await db()
		.insert(staffRoles)
		.values(staffRoleNames.filter((r) => r !== 'admin').map((role) => ({ userId: otherEstateId, role })));
	await db()
		.insert(staffEstates)
		.values({ userId: otherEstateId, estateId: must(cpt, 'the estate CPT').id });

	const [chanPhone] = await db().select({ phone: users.phone }).from(users).where(eq(users.email, demoResident.email));

	// Chan's open bills; paying one opens a sandbox checkout; his deposit was paid and receipted.
	const [chanBill] = await db()
		.select({ id: bills.id, seq: bills.seq })
		.from(bills)
		.where(and(eq(bills.unitId, chanUnit), eq(bills.state, 'open')))
		.orderBy(asc(bills.issuedOn));
	const started = await startPayment(chan, {
		billIds: [must(chanBill, "an open bill of Chan's").id],
		idempotencyKey: randomUUID(),
		provider: 'sandbox',
		origin: 'http://localhost:3000'
	});
	const [checkout] = await db().select({ ref: payments.providerRef }).from(payments).where(eq(payments.id, started.paymentId));
	const [receipt] = await db()
		.select({ id: receipts.id })
		.from(receipts)
		.innerJoin(payments, eq(payments.id, receipts.paymentId))
		.where(eq(payments.unitId, chanUnit));
	const [deposit] = await db()
		.select({ id: bills.id })
		.from(bills)
		.where(and(eq(bills.unitId, chanUnit), eq(bills.source, 'deposit')));
	const moveOut = await applyMoveOut(neighbour, { unitId: neighbourUnit, plannedOn: today, forwardingAddress: '', forwardingPhone: '' });
	const refund = await requestRefund(staff.manager, {
		unitId: chanUnit,
		kind: 'deposit',
		depositBillId: must(deposit, "Chan's deposit bill").id,
		deductions: [],
		reason: 'Moving out (second-actor test)'
	});

	// A credit note of 1.00 against Chan's open bill (within the approval limit: applied at once).
	const corrected = await requestCorrection(staff.finance, {
		billId: must(chanBill, "an open bill of Chan's").id,
		kind: 'credit_note',
		amountMinor: 100,
		reason: 'Rounding on the lift levy (second-actor test)'
	});
	const [creditNote] = await db()
		.select({ id: creditNotes.id })
		.from(creditNotes)
		.where(eq(creditNotes.correctionId, corrected.correctionId));

	// Chan's callback (signed off yesterday) stays open; another is completed with a drawn signature.
	const callbacksOfChan = await callbacksOfUnit(chanUnit);
	const openOthers = (
		await db()
			.select({ id: repairCallbacks.id, assigneeId: repairCallbacks.assigneeId })
			.from(repairCallbacks)
			.where(and(eq(repairCallbacks.state, 'open'), eq(repairCallbacks.estateId, must(hvg, 'the estate HVG').id)))
			.orderBy(asc(repairCallbacks.dueAt))
	).filter((c) => !callbacksOfChan.includes(c.id));
	const toSign = must(openOthers[0], 'an open callback of HVG to sign');
	const signer = toSign.assigneeId ? ((await loadActor(toSign.assigneeId, null)) ?? staff.manager) : staff.manager;
	const png = Buffer.from(await smallPng()).toString('base64');
	await completeCallback(signer, toSign.id, {
		workOk: 'yes',
		serviceRating: 5,
		chargesOk: 'yes',
		suggestions: '',
		residentSignedName: '',
		signature: `data:image/png;base64,${png}`,
		problemFound: 'no',
		problemNote: ''
	});

	// A personal evaluation link of Chan's callback, and a password-reset link of Chan's: their tokens are known.
	const evaluationToken = 'secondactorlinktokenabcdef'.replace(/[lo01]/g, 'x');
	await db()
		.update(repairCallbacks)
		.set({ evaluationTokenHash: hashSecret(evaluationToken), evaluationExpiresAt: new Date(Date.now() + 72 * HOUR) })
		.where(eq(repairCallbacks.id, must(callbacksOfChan[0], "Chan's callback")));
	const resetToken = await issuePasswordToken(db(), chan.userId, RESET_TTL_MS);
	const [widgetRequest] = await db()
		.insert(widgetRequests)
		.values({
			estateId: must(hvg, 'the estate HVG').id,
			kind: 'complaint',
			details: {},
			name: 'Widget Visitor',
			email: 'widget.visitor@example.test',
			locale: 'en',
			codeChannel: 'email',
			codeHash: hashSecret('123456'),
			codeSentAt: new Date(),
			expiresAt: new Date(Date.now() + HOUR)
		})
		.returning({ id: widgetRequests.id });

	const [acmeCompany] = await db()
		.select({ id: residentCompanies.id })
		.from(residentCompanies)
		.where(eq(residentCompanies.name, acme.name));
	const [acmeOps] = await db()
		.select({ id: users.id })
		.from(companyMembers)
		.innerJoin(users, eq(users.id, companyMembers.userId))
		.where(and(eq(companyMembers.companyId, must(acmeCompany, 'the company Acme').id), eq(users.email, acme.members[2]!.email)));
	// A message as the mail job records it (jobs do not run in tests).
	const [message] = await db()
		.insert(outbox)
		.values({ channel: 'email', recipient: demoResident.email, subject: 'Your repair', body: 'Sent to Chan (second-actor test)' })
		.returning({ id: outbox.id });
	const [chanCustomer] = await db().select({ id: customers.id }).from(customers).where(eq(customers.userId, chan.userId));
	const [slot] = await db()
		.select({ id: appointmentSlots.id })
		.from(appointmentSlots)
		.where(eq(appointmentSlots.estateId, must(hvg, 'the estate HVG').id))
		.orderBy(desc(appointmentSlots.startsAt))
		.limit(1);
	const [team] = await db()
		.select({ id: repairTeams.id })
		.from(repairTeams)
		.where(eq(repairTeams.estateId, must(hvg, 'the estate HVG').id));

	return {
		people: {
			chan,
			neighbour,
			acmeAdmin: await actorByEmail(acme.members[0]!.email),
			staff,
			second: {
				'second resident': (await loadActor(must(secondRow, 'a resident of another HVG flat').userId!, null))!,
				'other company': await actorByEmail(beacon.members[1]!.email),
				landlord: (await loadActor(must(landlordRow, 'an owner of B-8C').userId!, null))!,
				'later occupant': (await loadActor(laterId, null))!,
				'uninvited contractor': await actorByEmail(demoContractor.email),
				'other-estate staff': (await loadActor(otherEstateId, null))!,
				'signed out': null
			}
		},
		ids: {
			hvg: must(hvg, 'the estate HVG').id,
			chanUnit,
			neighbourUnit,
			neighbourOccupancy: must(neighbourOccupancy, "the neighbour's occupancy").id,
			neighbourRepair: filed.id,
			neighbourRenovation,
			neighbourRenovationDocument: neighbourRenovationDocument!,
			neighbourRenovationSheet: neighbourRenovationSheet!,
			neighbourPermit: neighbourPermit!.id,
			neighbourPermitCode: neighbourPermit!.code,
			neighbourSlip: neighbourSlip.id,
			neighbourSlipToken: neighbourSlipRow!.token,
			neighbourVisit: neighbourVisit.id,
			neighbourPass: neighbourPass!.id,
			survey,
			surveyTemplate: template!.id,
			segment,
			openSurvey,
			neighbourNotice,
			neighbourNoticeFile: must(noticeFile?.attachments[0], "the notice's file").fileId,
			draftNotice,
			neighbourSurveyRecipient: must(neighbourSurvey, "the neighbour's survey link").id,
			neighbourBuilding: neighbourSurvey!.buildingId,
			neighbourPhoto: must(photo, "the photo of the neighbour's repair").id,
			neighbourComplaint: complained.id,
			neighbourComplaintPhoto: must(complaintPhoto, "the photo of the neighbour's complaint").id,
			neighbourService: applied.id,
			neighbourMember: household.resident.member,
			neighbourContact: household.resident.contact,
			registryMember: household.registry.member,
			registryContact: household.registry.contact,
			chanBill: must(chanBill, "an open bill of Chan's").id,
			chanPayment: started.paymentId,
			chanCheckoutRef: must(checkout, "Chan's sandbox checkout").ref!,
			chanReceipt: must(receipt, "a receipt of Chan's").id,
			chanRefund: refund.refundId,
			neighbourMoveOut: moveOut.id,
			chanCorrection: corrected.correctionId,
			chanCreditNote: must(creditNote, "the credit note on Chan's bill").id,
			chanCallback: must(callbacksOfChan[0], "Chan's callback"),
			signedCallback: toSign.id,
			acme: must(acmeCompany, 'the company Acme').id,
			acmeMember: must(acmeOps, "Acme's member ops@").id,
			chanCustomer: must(chanCustomer, "Chan's customer record").id,
			outboxMessage: must(message, 'an outbox message').id,
			engineer2: await userId('engineer2@lobby.test'),
			hvgSlot: must(slot, 'an appointment slot of HVG').id,
			hvgTeam: must(team, 'a repair team of HVG').id,
			evaluationToken,
			resetToken,
			widgetRequest: must(widgetRequest, 'a widget request').id
		},
		typed: {
			chanPhone: must(chanPhone, "Chan's phone").phone,
			neighbourRepairReference: filed.reference,
			chanBillReference: billReference(must(chanBill, "an open bill of Chan's").seq)
		},
		today,
		photo: file(await smallPng(), 'photo.png', 'image/png'),
		pdf: file(new TextEncoder().encode('%PDF-1.4\n%%EOF\n'), 'contract.pdf', 'application/pdf'),
		dispose() {
			useStorage(previousStorage);
			setPaymentProvider('sandbox', undefined);
			setPaymentProvider('stripe', undefined);
			fs.rmSync(storageDir, { recursive: true, force: true });
		}
	};
}
