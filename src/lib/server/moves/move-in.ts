/**
 * Move-in (入伙, rule 9): customer service opens a case for a unit and its new party; the
 * checklist fills step by step (identity, papers, the resident's signature of the fire-safety
 * and management rules, three-party meter readings, keys, defects → repairs); completing it
 * starts the occupancy on that day — not before, so "who occupies the unit today"
 * (property/occupancy.ts) stays true while the case is open — tells the departments and files
 * the case in the unit's archive.
 */
import { eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Actor } from '../auth/actor.ts';
import { requireSignedIn, requireStaff } from '../auth/guards.ts';
import { db } from '../db/client.ts';
import { moveDocuments, residentCompanies, unitKeys, units, users } from '../db/schema/index.ts';
import { fileInArchive } from '../archive/file.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { findParty, insertOccupancy } from '../property/occupancies.ts';
import { unitToday } from '../property/occupancy.ts';
import { visibleUnit } from '../property/units.ts';
import { enterRepair } from '../repairs/intake.ts';
import { notify } from '../notify/notify.ts';
import { staffInEstate } from '../repairs/people.ts';
import { storeFile } from '../files/service.ts';
import { SNIFF_BYTES } from '#lib/files/sniff.ts';
import { checkPaper, documentContentTypes } from '../renovations/documents.ts';
import {
	defectSchema,
	identitySchema,
	keySchema,
	moveInOpenSchema,
	papersSchema,
	readingsSchema,
	rulesSignatureSchema,
	reasonSchema
} from '#lib/schemas/moves.ts';
import { moveCapacities, readMove } from './access.ts';
import { companyRegisteredBy, registerNewCompany, withdrawNewCompanyInvitations } from './new-company.ts';
import { missingForMoveIn, type MoveDocumentKind, type MoveInItem } from './checklist.ts';
import { fileMoveInContacts } from './contacts.ts';
import { handKeysTo, issueKey } from './keys.ts';
import { allConfirmed, confirmMoveReadings, readingsOf, recordMoveReadings } from './readings.ts';
import { moveStep, openActions, openMove } from './step.ts';
import type { Tx } from '../db/client.ts';
import type { Move } from './access.ts';

/**
 * Opens a move-in for a unit and a party: a resident account by email, a resident company by
 * name, or a company new to the registry, registered in the same transaction with its
 * administrator invited at once (new-company.ts) — the party signs the rules and confirms the
 * readings online while the case is open, so it needs its account before the move-in completes.
 */
export async function openMoveIn(actor: Actor | null | undefined, unitId: string, input: unknown): Promise<{ id: string }> {
	requireStaff(actor, 'moves.manage');
	const data = parseInput(moveInOpenSchema, input);
	return db().transaction(async (tx) => {
		const unit = await visibleUnit(actor, unitId, tx);
		const newCompany = data.partyType === 'new_company' ? await registerNewCompany(tx, actor, data) : null;
		const party = newCompany
			? { userId: null, companyId: newCompany.id, name: newCompany.name }
			: await findParty(tx, { ...data, partyType: data.partyType === 'person' ? 'person' : 'company' });
		return openMove(
			tx,
			actor,
			{
				kind: 'in',
				estateId: unit.estateId,
				unitId: unit.id,
				partyUserId: party.userId,
				partyCompanyId: party.companyId,
				role: data.role,
				plannedOn: data.startsOn,
				createdBy: actor.userId
			},
			{
				note: party.name,
				data: { kind: 'in', role: data.role, plannedOn: data.startsOn, ...(newCompany && { newCompany: newCompany.record }) }
			}
		);
	});
}

/** The desk saw the ID (a person) or the business licence (a company); by proxy, the proxy's papers are asked for too. */
export function checkMoveInIdentity(actor: Actor | null | undefined, moveId: string, input: unknown) {
	return moveStep(actor, moveId, 'check_identity', async (_tx, move) => {
		const data = parseInput(identitySchema, input);
		return { event: 'identity_checked', data, set: { checklist: { ...move.checklist, identityChecked: true, byProxy: data.byProxy } } };
	});
}

/** The archive registration form received, the directory-signage text and the unit's equipment (one item per line: "item: condition"). */
export function recordMoveInPapers(actor: Actor | null | undefined, moveId: string, input: unknown) {
	return moveStep(actor, moveId, 'record_papers', async (_tx, move) => {
		const data = parseInput(papersSchema, input);
		const equipment = data.equipment
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean)
			.map((line) => {
				const [item, ...rest] = line.split(':');
				return { item: item!.trim(), condition: rest.join(':').trim() };
			});
		return {
			event: 'papers_recorded',
			data: { archiveForm: data.archiveForm, signage: data.signage, equipment },
			set: { checklist: { ...move.checklist, archiveForm: data.archiveForm, signage: data.signage, equipment } }
		};
	});
}

const documentKinds: readonly MoveDocumentKind[] = [
	'id_copy',
	'business_licence',
	'power_of_attorney',
	'proxy_id',
	'archive_form',
	'parking_contract'
];

/** A paper of the move (ID copy, licence, power of attorney, parking contract…), checked like every document. */
export async function uploadMoveDocument(actor: Actor | null | undefined, moveId: string, kind: unknown, file: unknown) {
	const data = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
	return moveStep(actor, moveId, 'upload', async (tx, move, who) => {
		if (!documentKinds.includes(kind as MoveDocumentKind)) throw new InputError('kind', m.moves_document_kind_invalid());
		if (!(file instanceof File) || file.size === 0) throw new InputError('file', m.renovations_upload_choose());
		const type = checkPaper(file.name, file.size, data.subarray(0, SNIFF_BYTES), ['pdf', 'png', 'jpeg']);
		const stored = await storeFile(
			tx,
			{ data, contentType: documentContentTypes[type], ownerId: who.userId },
			{ type: 'move', id: move.id }
		);
		await tx.insert(moveDocuments).values({ moveId: move.id, kind: kind as MoveDocumentKind, fileId: stored.id, uploadedBy: who.userId });
		await fileInArchive(tx, {
			unitId: move.unitId,
			occupancyId: move.occupancyId,
			moveId: move.id,
			kind: 'document',
			sourceType: 'move',
			sourceId: move.id,
			summary: { document: kind },
			fileId: stored.id,
			actor: who
		});
		return { event: 'document_uploaded', data: { kind, fileId: stored.id } };
	});
}

/** The resident signs the fire-safety responsibility and the management rules online: name and time on the record. */
export function signMoveInRules(actor: Actor | null | undefined, moveId: string, input: unknown, now = new Date()) {
	return moveStep(actor, moveId, 'sign_rules', async (_tx, _move, who) => {
		const data = parseInput(rulesSignatureSchema, input);
		return {
			event: 'rules_signed',
			note: data.name,
			data: { name: data.name },
			set: { rulesSignedBy: who.userId, rulesSignedName: data.name, rulesSignedAt: now }
		};
	});
}

/** Engineering's readings at the joint inspection (the first of three confirmations); move-in or move-out. */
export function recordInspectionReadings(actor: Actor | null | undefined, moveId: string, input: unknown, now = new Date()) {
	return moveStep(actor, moveId, 'record_readings', (tx, move, who) =>
		recordMoveReadings(tx, move, who, parseInput(readingsSchema, input), now)
	);
}

/** Customer service or the resident confirms the readings; the third confirmation files them for billing. */
export function confirmInspectionReadings(actor: Actor | null | undefined, moveId: string, now = new Date()) {
	return moveStep(actor, moveId, 'confirm_reading', (tx, move, who) =>
		confirmMoveReadings(tx, move, who, moveCapacities(who, move).has('desk') ? 'desk' : 'party', now)
	);
}

/** A numbered key or card signed for by the new party. */
export function issueMoveInKey(actor: Actor | null | undefined, moveId: string, input: unknown) {
	return moveStep(actor, moveId, 'issue_key', (tx, move, who) => issueKey(tx, move, who, parseInput(keySchema, input)));
}

/**
 * A defect found at the joint inspection becomes a repair order for engineering, entered through
 * the desk's own intake (repairs/intake.ts enterRepair); the move records which order it became.
 */
export async function reportMoveInDefect(actor: Actor | null | undefined, moveId: string, input: unknown, now = new Date()) {
	requireSignedIn(actor);
	// Refused before the repair exists when the step is not open to the actor (take() answers 404/403/stale).
	const move = await readMove(db(), actor, moveId);
	if (!openActions(actor, move).includes('report_defect'))
		await moveStep(actor, moveId, 'report_defect', async () => ({ event: 'defect_reported' }));
	const data = parseInput(defectSchema, input);
	const repair = await enterRepair(
		actor,
		{
			unitId: move.unitId,
			kindId: data.kindId,
			location: 'unit',
			locationDetail: '',
			description: data.description,
			contactName: data.contactName,
			contactPhone: data.contactPhone,
			enterWhenAbsent: false,
			accessNotes: '',
			appointment: 'call',
			slotId: '',
			channel: 'counter',
			requesterId: ''
		},
		[],
		{ now, moveId: move.id }
	);
	await moveStep(actor, moveId, 'report_defect', async () => ({
		event: 'defect_reported',
		note: data.description,
		data: { repairId: repair.id, reference: repair.reference }
	}));
	return repair;
}

/** Engineering records that the joint inspection took place (readings taken, equipment listed). */
export function inspectMoveIn(actor: Actor | null | undefined, moveId: string) {
	return moveStep(actor, moveId, 'inspect', async (tx, move) => {
		if ((await readingsOf(tx, move.id)).length === 0) throw new InputError('', m.moves_readings_missing());
		return { event: 'inspected' };
	});
}

/** The facts the checklist is drawn from. */
export async function moveInFacts(tx: Tx, move: Move) {
	const [documents, readings, keys] = await Promise.all([
		tx.select({ kind: moveDocuments.kind }).from(moveDocuments).where(eq(moveDocuments.moveId, move.id)),
		readingsOf(tx, move.id),
		tx.select({ id: unitKeys.id }).from(unitKeys).where(eq(unitKeys.issuedMoveId, move.id))
	]);
	return {
		party: move.partyUserId ? ('person' as const) : ('company' as const),
		checklist: move.checklist,
		documents: documents.map((d) => d.kind),
		rulesSigned: move.rulesSignedAt !== null,
		readingsFiled: readings.length > 0 && readings.every((r) => allConfirmed(r) && r.recordedAt !== null),
		keysIssued: keys.length,
		inspected: move.state !== 'open'
	};
}

/**
 * Completes the move-in: nothing may be missing; the occupancy starts today (the move-in day),
 * the keys go to it, its contact persons become its contacts, engineering, security and finance of
 * the estate are told, and the case is filed in the unit's archive.
 */
export async function completeMoveIn(actor: Actor | null | undefined, moveId: string, now = new Date()) {
	return moveStep(actor, moveId, 'complete', async (tx, move, who) => {
		const missing: MoveInItem[] = missingForMoveIn(await moveInFacts(tx, move));
		if (missing.length) throw new InputError('', m.moves_in_missing({ count: missing.length }));
		const today = await unitToday(tx, move.unitId, now);
		const party = await partyOf(tx, move);
		const occupancy = await insertOccupancy(tx, who, move.unitId, party, {
			partyType: move.partyUserId ? 'person' : 'company',
			role: move.role,
			startsOn: today
		});
		await handKeysTo(tx, move.id, occupancy.id);
		const contactIds = await fileMoveInContacts(tx, move, occupancy.id, who);
		await fileInArchive(tx, {
			unitId: move.unitId,
			occupancyId: occupancy.id,
			moveId: move.id,
			kind: 'move_in',
			sourceType: 'move',
			sourceId: move.id,
			summary: { movedInOn: today, party: party.name, rulesSignedBy: move.rulesSignedName },
			actor: who
		});
		await tellDepartments(tx, move, who, 'in');
		return {
			event: 'completed',
			data: { occupancyId: occupancy.id, on: today, contactIds },
			set: { occupancyId: occupancy.id, doneOn: today }
		};
	});
}

/** Cancels the move; a company its move-in registered keeps its record but loses its pending invitations (new-company.ts). */
export function cancelMove(actor: Actor | null | undefined, moveId: string, input: unknown, now = new Date()) {
	return moveStep(actor, moveId, 'cancel', async (tx, move, who) => {
		const note = parseInput(reasonSchema, input).reason;
		const registered = move.kind === 'in' && move.partyCompanyId ? await companyRegisteredBy(tx, move.id) : null;
		const withdrawn = registered ? await withdrawNewCompanyInvitations(tx, who, registered, now) : 0;
		return { event: 'cancelled', note, ...(withdrawn && { data: { invitationsWithdrawn: withdrawn } }) };
	});
}

/** The moving party's name (a person or a company), as the registry records parties. */
export async function partyOf(tx: Tx, move: Move) {
	const [row] = move.partyUserId
		? await tx.select({ name: users.name }).from(users).where(eq(users.id, move.partyUserId))
		: await tx.select({ name: residentCompanies.name }).from(residentCompanies).where(eq(residentCompanies.id, move.partyCompanyId!));
	return { userId: move.partyUserId, companyId: move.partyCompanyId, name: row?.name ?? '' };
}

/** Engineering, security and finance of the estate learn that a unit was moved into or out of. */
export async function tellDepartments(tx: Tx, move: Move, actor: Actor, kind: 'in' | 'out') {
	const staff = await staffInEstate(tx, move.estateId, ['engineering', 'security', 'finance']);
	const [unit] = await tx.select({ number: units.number }).from(units).where(eq(units.id, move.unitId));
	const number = unit?.number ?? '';
	await notify(tx, {
		userIds: staff.map((s) => s.id).filter((id) => id !== actor.userId),
		kind: kind === 'in' ? 'move.in_completed' : 'move.out_completed',
		subject: { type: 'move', id: move.id },
		link: `/staff/moves/${move.id}`,
		message: (locale) =>
			kind === 'in'
				? { title: m.moves_notice_in_title({ unit: number }, { locale }), body: m.moves_notice_in_body({ unit: number }, { locale }) }
				: { title: m.moves_notice_out_title({ unit: number }, { locale }), body: m.moves_notice_out_body({ unit: number }, { locale }) },
		channels: ['inbox']
	});
}
