import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { db } from '../db/client.ts';
import { archiveEntries, archiveReads, auditLog, householdMembers, jobs, moves, occupancies } from '../db/schema/index.ts';
import { billingEstate, payment } from '../fees/test-fixtures.ts';
import { issueBill } from '../fees/issue-bill.ts';
import { applyPayment } from '../fees/ledger.ts';
import { billReference } from '#lib/references.ts';
import { InputError, StaleStateError } from '../kernel/input-error.ts';
import { building, estate, occupy, residentUser, actorOf, staffActor, unitsIn } from '../property/testing/fixtures.ts';
import { addHouseholdMember, myHousehold, removeHouseholdMember } from '../residents/household.ts';
import { fileInArchive } from './file.ts';
import { archiveAccess } from './access.ts';
import { decideArchiveAccess, expireArchiveGrants, listAccessRequests, requestArchiveAccess } from './access-requests.ts';
import { ARCHIVE_GRANT_HOURS } from './access-machine.ts';
import { openEntryDocument, openFilePart, openUnitFile } from './open.ts';
import { storeFile } from '../files/service.ts';
import { listArchiveReads, exportArchiveReads } from './read-log.ts';
import { correctEntry, correctInOpenFile } from './corrections.ts';
import { myUnitFile } from './resident.ts';
import { readFileParts, readFilePart } from './read.ts';
import { entryDetails } from '#lib/components/archive-labels.ts';
import { fileCorrespondence } from './correspondence.ts';

const HOUR = 3_600_000;

/** An estate with one unit: a former owner (moved out), the current owner, and the staff who read its file. */
async function place() {
	const e = await estate();
	const b = await building(e.id, 'A');
	const [unit] = await unitsIn(b, 1);
	const former = await residentUser('Former Owner');
	const current = await residentUser('Current Owner');
	const past = await occupy(unit!.id, { userId: former.id }, 'owner', '2020-01-01', '2023-12-31');
	const now = await occupy(unit!.id, { userId: current.id }, 'owner', '2024-01-01');
	const [desk, engineer, manager, otherManager] = await Promise.all([
		staffActor(['customer_service'], [e.id]),
		staffActor(['engineering'], [e.id]),
		staffActor(['manager'], [e.id]),
		staffActor(['manager'], [(await estate()).id])
	]);
	return { estate: e, unit: unit!, former, current, past, now, desk, engineer, manager, otherManager };
}

/** Files an entry of a made-up record (each one later than the last: the file reads newest first). */
function file(p: Awaited<ReturnType<typeof place>>, occupancyId: string | null, kind: 'repair' | 'bill' | 'complaint', name: string) {
	return fileInArchive(db(), {
		unitId: p.unit.id,
		occupancyId,
		kind,
		sourceType: kind,
		sourceId: crypto.randomUUID(),
		summary: { reference: name },
		actor: null
	});
}

describe('the unit file is append-only', () => {
	it('the database refuses to update or delete an archive entry', async () => {
		const p = await place();
		const entry = await file(p, p.now.id, 'repair', 'x');
		await expect(db().execute(sql`update archive_entries set kind = 'bill' where id = ${entry.id}`)).rejects.toThrow();
		await expect(db().execute(sql`delete from archive_entries where id = ${entry.id}`)).rejects.toThrow();
		await expect(db().execute(sql`truncate archive_entries cascade`)).rejects.toThrow();
		const [still] = await db().select().from(archiveEntries).where(eq(archiveEntries.id, entry.id));
		expect(still?.kind).toBe('repair');
	});

	it('the database refuses to change the read log', async () => {
		const p = await place();
		await openUnitFile(p.desk, p.unit.id);
		await expect(db().execute(sql`update archive_reads set reason = 'x' where unit_id = ${p.unit.id}`)).rejects.toThrow();
		await expect(db().execute(sql`delete from archive_reads where unit_id = ${p.unit.id}`)).rejects.toThrow();
	});

	it('a correction is a new entry naming the one it corrects, with what was wrong and the corrected text; the original stays', async () => {
		const p = await place();
		const entry = await file(p, p.now.id, 'bill', 'x');
		const count = async (table: typeof archiveReads | typeof auditLog) => (await db().select().from(table)).length;
		const [readsBefore, auditBefore] = [await count(archiveReads), await count(auditLog)];
		const input = { entryId: String(entry.id), reason: 'Wrong amount on the index', text: 'Amount 50.00, not 500.00' };
		// Each field's problem at its field.
		expect(await correctEntry(p.manager, p.unit.id, { ...input, reason: ' ' }).catch((e: InputError) => e.field)).toBe('reason');
		expect(await correctEntry(p.manager, p.unit.id, { ...input, text: '' }).catch((e: InputError) => e.field)).toBe('text');
		expect(await correctEntry(p.manager, p.unit.id, { ...input, text: 'x'.repeat(1001) }).catch((e: InputError) => e.field)).toBe('text');
		const correction = await correctEntry(p.manager, p.unit.id, input);
		expect(correction).toMatchObject({
			correctsId: entry.id,
			kind: 'correction',
			occupancyId: p.now.id,
			actorId: p.manager.userId,
			summary: { reference: 'x', reason: 'Wrong amount on the index', corrected: 'Amount 50.00, not 500.00' }
		});
		// No read of the file, nothing in the audit trail: the correction is its own record.
		expect([await count(archiveReads), await count(auditLog)]).toEqual([readsBefore, auditBefore]);
		const [original] = await db().select().from(archiveEntries).where(eq(archiveEntries.id, entry.id));
		expect(original).toMatchObject({ kind: 'bill', summary: { reference: 'x' }, correctsId: null });
		const opened = await openUnitFile(p.desk, p.unit.id);
		const shown = opened.parts[0]!.entries.find((e) => e.id === entry.id)!;
		expect(shown.correctedBy).toEqual([{ id: correction.id, by: 'Staff manager' }]);
		expect(entryDetails(correction.summary, 'en')).toBe('Wrong: Wrong amount on the index · Should read: Amount 50.00, not 500.00');
	});

	it('only the customer-service manager and the admin correct, and only entries of the unit named', async () => {
		const p = await place();
		const entry = await file(p, p.now.id, 'bill', 'x');
		const input = { entryId: String(entry.id), reason: 'Wrong', text: 'Right' };
		await expect(correctEntry(p.desk, p.unit.id, input)).rejects.toMatchObject({ status: 403 });
		await expect(correctEntry(p.engineer, p.unit.id, input)).rejects.toMatchObject({ status: 403 });
		await expect(correctEntry(p.otherManager, p.unit.id, input)).rejects.toMatchObject({ status: 404 });
		const elsewhere = await place();
		const theirs = await file(elsewhere, elsewhere.now.id, 'bill', 'y');
		await expect(correctEntry(p.manager, p.unit.id, { ...input, entryId: String(theirs.id) })).rejects.toMatchObject({ status: 404 });
		await expect(correctEntry(p.manager, p.unit.id, { ...input, entryId: 'x1' })).rejects.toMatchObject({ status: 404 });
		const admin = await staffActor(['admin'], [p.estate.id]);
		await expect(correctEntry(admin, p.unit.id, input)).resolves.toMatchObject({ correctsId: entry.id });
	});

	it('the file page corrects and shows the file again (one logged read), or the refusal at its field', async () => {
		const p = await place();
		const entry = await file(p, p.now.id, 'bill', 'x');
		const refused = await correctInOpenFile(p.manager, p.unit.id, { entryId: String(entry.id), reason: 'Wrong', text: ' ' });
		expect(refused.problem).toMatchObject({ entryId: String(entry.id), field: 'text' });
		expect(refused.corrected).toBeNull();
		expect(refused.file.parts[0]!.entries.map((e) => e.id)).toEqual([entry.id]);
		const done = await correctInOpenFile(
			p.manager,
			p.unit.id,
			{ entryId: String(entry.id), reason: 'Wrong', text: 'Right' },
			{ reason: 'Owner disputes the bill' }
		);
		expect(done.problem).toBeNull();
		expect(done.file.parts[0]!.entries.map((e) => [e.kind, e.correctsId])).toEqual([
			['correction', entry.id],
			['bill', null]
		]);
		const reads = await db().select().from(archiveReads).where(eq(archiveReads.unitId, p.unit.id));
		expect(reads.map((r) => [r.what, r.reason])).toEqual([
			['file', ''],
			['file', 'Owner disputes the bill']
		]);
	});
});

describe('a move-in’s papers', () => {
	it('filed while the case is open, they are in the part of the occupancy the move starts — in the file, its index and the resident’s view', async () => {
		const p = await place();
		const renter = await residentUser('New Renter');
		const [move] = await db()
			.insert(moves)
			.values({
				kind: 'in',
				estateId: p.estate.id,
				unitId: p.unit.id,
				partyUserId: renter.id,
				role: 'renter',
				plannedOn: '2026-11-02'
			})
			.returning();
		const paper = await fileInArchive(db(), {
			unitId: p.unit.id,
			occupancyId: null,
			moveId: move!.id,
			kind: 'document',
			sourceType: 'move',
			sourceId: move!.id,
			actor: null
		});
		const today = '2026-11-02';
		// Open: nobody's yet, so the unit's own papers.
		let parts = (await readFileParts(db(), p.unit.id, today)).parts;
		expect(parts.find((part) => part.occupancyId === null)?.entries.map((e) => e.id)).toEqual([paper.id]);
		// Completed: the move started the renter's occupancy; the entry itself is as filed.
		const started = await occupy(p.unit.id, { userId: renter.id }, 'renter', today);
		await db().update(moves).set({ state: 'done', occupancyId: started.id }).where(eq(moves.id, move!.id));
		parts = (await readFileParts(db(), p.unit.id, today)).parts;
		expect(parts.some((part) => part.occupancyId === null)).toBe(false);
		expect(parts.find((part) => part.occupancyId === started.id)?.entries.map((e) => [e.id, e.occupancyId])).toEqual([
			[paper.id, started.id]
		]);
		expect((await readFilePart(db(), p.unit.id, started.id, today))?.entries.map((e) => e.id)).toEqual([paper.id]);
		const view = await myUnitFile(await actorOf(renter.id), p.unit.id, new Date(`${today}T04:00:00Z`));
		expect(view.parts.flatMap((part) => part.entries.map((e) => e.id))).toEqual([paper.id]);
		const [row] = await db().select().from(archiveEntries).where(eq(archiveEntries.id, paper.id));
		expect(row?.occupancyId).toBeNull();
	});
});

describe('correspondence', () => {
	it('a letter or notice is filed with to whom and how it went', async () => {
		const p = await place();
		const notice = await fileCorrespondence(db(), {
			unitId: p.unit.id,
			occupancyId: p.now.id,
			kind: 'notice',
			sourceType: 'renovation',
			sourceId: crypto.randomUUID(),
			summary: { reference: 'Z000001', renovationState: 'permit_issued' },
			delivery: [
				{ name: 'Current Owner', channels: ['inbox', 'email', 'sms'] },
				{ name: 'Builder', channels: ['inbox'] }
			]
		});
		expect(notice.summary.delivery).toEqual([
			{ name: 'Current Owner', channels: ['inbox', 'email', 'sms'] },
			{ name: 'Builder', channels: ['inbox'] }
		]);
		expect(entryDetails(notice.summary, 'en')).toContain('to Current Owner by inbox, email, SMS; to Builder by inbox');
		expect(entryDetails({ delivery: [{ name: 'Chan', channels: ['paper'] }] }, 'en')).toBe('to Chan by paper letter');
	});
});

describe('reading the file', () => {
	it('lists entries newest first, the current occupancy first headed by its occupant, the former one bound', async () => {
		const p = await place();
		const old = await file(p, p.past.id, 'repair', 'old');
		const first = await file(p, p.now.id, 'bill', 'first');
		const second = await file(p, p.now.id, 'complaint', 'second');
		const opened = await openUnitFile(p.desk, p.unit.id, { locale: 'en' });
		expect(opened.heading).toBe('Current Owner');
		expect(opened.parts.map((part) => [part.name, part.current, part.bound])).toEqual([
			['Current Owner', true, false],
			['Former Owner', false, true]
		]);
		expect(opened.parts[0]!.entries.map((e) => e.id)).toEqual([second.id, first.id]);
		expect(opened.parts[1]!.entries.map((e) => e.id)).toEqual([old.id]);
		expect(opened.parts[1]).toMatchObject({ startsOn: '2020-01-01', endsOn: '2023-12-31' });
	});

	it('prints the bound occupancy an index and logs it as a PDF read', async () => {
		const p = await place();
		await file(p, p.past.id, 'repair', 'old');
		const part = await openFilePart(p.desk, p.unit.id, p.past.id, { reason: 'Deposit dispute' });
		expect(part.part.bound).toBe(true);
		expect(part.part.entries).toHaveLength(1);
		const reads = await db().select().from(archiveReads).where(eq(archiveReads.unitId, p.unit.id));
		expect(reads).toMatchObject([{ what: 'pdf', occupancyId: p.past.id, reason: 'Deposit dispute' }]);
		await expect(openFilePart(p.desk, p.unit.id, crypto.randomUUID())).rejects.toMatchObject({ status: 404 });
	});

	it("serves an entry's document as a logged read of that entry, and nothing of another unit", async () => {
		const p = await place();
		const stored = await db().transaction((tx) =>
			storeFile(
				tx,
				{ data: new TextEncoder().encode('%PDF-1.4 signed form'), contentType: 'application/pdf', ownerId: null },
				{ type: 'archive', id: p.unit.id }
			)
		);
		const entry = await fileInArchive(db(), {
			unitId: p.unit.id,
			occupancyId: p.now.id,
			kind: 'document',
			sourceType: 'unit',
			sourceId: p.unit.id,
			fileId: stored.id,
			actor: null
		});
		const plain = await file(p, p.now.id, 'repair', 'no document');
		const found = await openEntryDocument(p.desk, p.unit.id, String(entry.id), { reason: 'Copy for the owner' });
		expect(found.id).toBe(stored.id);
		await expect(openEntryDocument(p.desk, p.unit.id, String(plain.id))).rejects.toMatchObject({ status: 404 });
		await expect(openEntryDocument(p.desk, p.unit.id, 'x1')).rejects.toMatchObject({ status: 404 });
		await expect(openEntryDocument(p.engineer, p.unit.id, String(entry.id), { reason: 'x' })).rejects.toMatchObject({ status: 403 });
		const reads = await db().select().from(archiveReads).where(eq(archiveReads.unitId, p.unit.id));
		expect(reads.map((r) => [r.what, r.entryId, r.reason])).toEqual([['entry', entry.id, 'Copy for the owner']]);
	});

	it('is a 404 in another estate', async () => {
		const p = await place();
		const stranger = await staffActor(['customer_service'], [(await estate()).id]);
		await expect(openUnitFile(stranger, p.unit.id)).rejects.toMatchObject({ status: 404 });
		await expect(openUnitFile(stranger, 'not-a-uuid')).rejects.toMatchObject({ status: 404 });
	});
});

describe('access outside customer service (查閱經客務部經理批準)', () => {
	it('an engineer without a grant is refused, asks, the manager approves, the engineer reads, and the read log shows both reads', async () => {
		const p = await place();
		await file(p, p.now.id, 'repair', 'leak');
		await openUnitFile(p.desk, p.unit.id, { reason: 'Resident called' });

		await expect(openUnitFile(p.engineer, p.unit.id, { reason: 'Pipe history' })).rejects.toMatchObject({ status: 403 });
		expect((await archiveAccess(db(), p.engineer, p.unit.id)).access).toEqual({ by: 'none', pending: null });
		await expect(requestArchiveAccess(p.engineer, p.unit.id, { reason: '' })).rejects.toThrow(InputError);
		const request = await requestArchiveAccess(p.engineer, p.unit.id, { reason: 'Pipe history for the riser repair' });
		expect(request.state).toBe('requested');
		// Asking twice answers with the request already waiting.
		expect(await requestArchiveAccess(p.engineer, p.unit.id, { reason: 'again' })).toEqual(request);

		// The queue: the manager of the estate sees it; one of another estate cannot decide it.
		const queue = await listAccessRequests(p.manager);
		expect(queue).toMatchObject([{ id: request.id, state: 'requested', actions: ['approve', 'refuse'] }]);
		await expect(decideArchiveAccess(p.otherManager, request.id, { decision: 'approve' })).rejects.toMatchObject({ status: 404 });
		await expect(decideArchiveAccess(p.desk, request.id, { decision: 'approve' })).rejects.toMatchObject({ status: 403 });
		await decideArchiveAccess(p.manager, request.id, { decision: 'approve' });
		await expect(decideArchiveAccess(p.manager, request.id, { decision: 'refuse', note: 'x' })).rejects.toThrow(StaleStateError);

		await expect(openUnitFile(p.engineer, p.unit.id, { reason: '' })).rejects.toThrow(InputError);
		const opened = await openUnitFile(p.engineer, p.unit.id, { reason: 'Pipe history' });
		expect(opened.access.by).toBe('grant');
		expect(opened.parts[0]!.entries).toHaveLength(1);

		const log = await listArchiveReads(p.manager);
		expect(log.rows.map((r) => [r.readerName, r.what, r.reason, r.byGrant])).toEqual([
			['Staff engineering', 'file', 'Pipe history', true],
			['Staff customer_service', 'file', 'Resident called', false]
		]);
		const exported = await exportArchiveReads(p.manager, { person: p.engineer.userId });
		expect(exported.rows).toHaveLength(1);
		await expect(listArchiveReads(p.engineer)).rejects.toMatchObject({ status: 403 });
		expect((await listArchiveReads(p.otherManager)).rows).toEqual([]);
	});

	it('a grant expires after its time', async () => {
		const p = await place();
		const t0 = new Date('2026-11-02T02:00:00Z');
		const request = await requestArchiveAccess(p.engineer, p.unit.id, { reason: 'Meter dispute' }, { now: t0 });
		const { expiresAt } = await decideArchiveAccess(p.manager, request.id, { decision: 'approve' }, { now: t0 });
		expect(expiresAt).toEqual(new Date(t0.getTime() + ARCHIVE_GRANT_HOURS * HOUR));
		const justBefore = new Date(expiresAt!.getTime() - 1000);
		await openUnitFile(p.engineer, p.unit.id, { reason: 'Meter dispute', now: justBefore });
		await expect(openUnitFile(p.engineer, p.unit.id, { reason: 'Meter dispute', now: expiresAt! })).rejects.toMatchObject({
			status: 403
		});
		expect((await listAccessRequests(p.manager, { now: expiresAt! }))[0]?.state).toBe('expired');
		// The clock's step is a durable job due at the grant's end.
		const [job] = await db()
			.select()
			.from(jobs)
			.where(eq(jobs.dedupeKey, `archive.expire-grants:${request.id}`));
		expect(job?.runAt).toEqual(expiresAt);
		expect(await expireArchiveGrants(db(), expiresAt!)).toBe(1);
		expect(await expireArchiveGrants(db(), expiresAt!)).toBe(0);
	});

	it('a refusal needs a note and gives no access', async () => {
		const p = await place();
		const request = await requestArchiveAccess(p.engineer, p.unit.id, { reason: 'Curious' });
		await expect(decideArchiveAccess(p.manager, request.id, { decision: 'refuse' })).rejects.toThrow(InputError);
		await decideArchiveAccess(p.manager, request.id, { decision: 'refuse', note: 'Not for your work' });
		await expect(openUnitFile(p.engineer, p.unit.id, { reason: 'Curious' })).rejects.toMatchObject({ status: 403 });
	});

	it('a manager cannot approve their own request, and customer service never needs one', async () => {
		const p = await place();
		await expect(requestArchiveAccess(p.desk, p.unit.id, { reason: 'x' })).rejects.toMatchObject({ status: 403 });
		const security = await staffActor(['security', 'manager'], [p.estate.id]);
		// A manager reads by role: nothing to ask.
		await expect(requestArchiveAccess(security, p.unit.id, { reason: 'x' })).rejects.toMatchObject({ status: 403 });
		await expect(openUnitFile(security, p.unit.id)).resolves.toMatchObject({ access: { by: 'role' } });
	});
});

describe('the resident and the household', () => {
	it('a resident sees only their own occupancy part of the file', async () => {
		const p = await place();
		await file(p, p.past.id, 'repair', 'old');
		const mine = await file(p, p.now.id, 'bill', 'mine');
		await file(p, null, 'complaint', 'unit');
		const resident = await actorOf(p.current.id);
		const view = await myUnitFile(resident, p.unit.id);
		expect(view.parts).toHaveLength(1);
		expect(view.parts[0]!.entries.map((e) => e.id)).toEqual([mine.id]);
		const former = await actorOf(p.former.id);
		await expect(myUnitFile(former, p.unit.id)).rejects.toMatchObject({ status: 404 });
	});

	it('a household member the resident removes is ended, not deleted, and stays in the file', async () => {
		const p = await place();
		const resident = await actorOf(p.current.id);
		const id = await addHouseholdMember(resident, p.unit.id, { name: 'Ming', relation: 'Son', phone: '' });
		await removeHouseholdMember(resident, p.unit.id, id);
		expect((await myHousehold(resident)).members).toEqual([]);
		const [row] = await db().select().from(householdMembers).where(eq(householdMembers.id, id));
		expect(row?.endedAt).toBeInstanceOf(Date);
		await expect(removeHouseholdMember(resident, p.unit.id, id)).rejects.toMatchObject({ status: 404 });
		const opened = await openUnitFile(p.desk, p.unit.id);
		expect(opened.parts[0]!.entries.map((e) => [e.kind, e.summary])).toEqual([
			['household', { name: 'Ming', relation: 'Son', ended: true }],
			['household', { name: 'Ming', relation: 'Son' }]
		]);
	});
});

describe('filing from the domains', () => {
	it('a bill issued, its payment and a refund land in the occupancy part, with reference and amount', async () => {
		const placeOf = await billingEstate();
		const unit = await placeOf.unit('80.00');
		const [occupancy] = await db().select().from(occupancies).where(eq(occupancies.unitId, unit.id));
		const issued = await db().transaction((tx) =>
			issueBill(tx, {
				unitId: unit.id,
				payer: { party: 'owner' },
				source: 'manual',
				lines: [{ feeItemId: null, nameEn: 'Key copy', nameZhHans: '配匙', nameZhHant: '配匙', quantity: '1', priceMicro: 5000 * 10_000 }],
				issuedOn: '2026-10-01',
				actorId: null
			})
		);
		const p = await payment(unit.id, 5000);
		await db().transaction((tx) =>
			applyPayment(tx, {
				unitId: unit.id,
				paymentId: p.id,
				amountMinor: 5000,
				allocations: [{ billId: issued.billId, amountMinor: 5000 }],
				effectiveOn: '2026-10-05'
			})
		);
		const entries = await db().select().from(archiveEntries).where(eq(archiveEntries.unitId, unit.id)).orderBy(archiveEntries.id);
		expect(entries.map((e) => [e.kind, e.sourceType, e.occupancyId, e.summary.amountMinor])).toEqual([
			['bill', 'bill', occupancy!.id, 5000],
			['payment', 'payment', occupancy!.id, 5000]
		]);
		expect(entries[0]!.summary.reference).toBe(billReference(issued.seq));
	});
});
