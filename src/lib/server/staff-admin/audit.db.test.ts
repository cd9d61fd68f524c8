import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../db/client.ts';
import type { Actor } from '../auth/actor.ts';
import { recordAudit, recordEvent } from '../events/service.ts';
import { actorFor, makeStaff, makeUnit } from '../residents/test-fixtures.ts';
import { complaintInput, makeComplaintEstate } from '../complaints/testing.ts';
import { fileComplaint } from '../complaints/intake.ts';
import { claimComplaint, handOverComplaint } from '../complaints/desk.ts';
import { recordCounterPayment } from '../payments/counter.ts';
import { openBill } from '../payments/test-fixtures.ts';
import { readXlsx } from '../reports/xlsx-read.ts';
import { auditEntryText, auditEstatesText, auditRecordText } from '#lib/components/audit-labels.ts';
import { money } from '#lib/money/index.ts';
import { businessToday, localDateTimeValue, numericDateTime } from '#lib/time/index.ts';
import { fakeEvent, thrown } from '../../../../tests/request-event.ts';
import { GET as exportRoute } from '../../../routes/staff/admin/audit/export/+server.ts';
import { AUDIT_PAGE_SIZE, exportAudit, listAudit, type AuditEntry } from './audit.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const HOUR = 3_600_000;

let place: Awaited<ReturnType<typeof makeComplaintEstate>>;
let other: Awaited<ReturnType<typeof makeComplaintEstate>>;
let finance: Actor;
let complaintHref: string;
let bill: Awaited<ReturnType<typeof openBill>>;

/** A row as the page says it: who, what, on what, where — the words a person reads. */
const words = (entry: AuditEntry) => ({
	who: entry.actorName,
	what: auditEntryText(entry).what,
	record: auditRecordText(entry),
	estate: auditEstatesText(entry)
});

beforeAll(async () => {
	place = await makeComplaintEstate('Harbour View');
	other = await makeComplaintEstate('Other Estate');
	finance = await actorFor((await makeStaff('Mak Pui Shan', ['finance'], [place.estate.id])).id);

	// The counter takes HK$1,200 (whatever the currency) for an open bill of the flat.
	bill = await openBill(place.unit, 120_000);
	await recordCounterPayment(finance, {
		unitId: place.unit.id,
		amountMinor: 120_000,
		method: 'cash',
		receiptNo: 'AUD-0001',
		receivedOn: businessToday(place.estate),
		billIds: [bill.id]
	});

	// The desk takes up a complaint, then hands it over to a colleague on the record.
	const { id } = await fileComplaint(place.actors.resident, complaintInput(place), []);
	complaintHref = `/staff/complaints/${id}`;
	const later = localDateTimeValue(new Date(Date.now() + 4 * HOUR), place.estate.timeZone);
	await claimComplaint(place.actors.desk, id, { promisedReplyBy: later });
	await handOverComplaint(place.actors.desk, id, { toUserId: place.colleague.id, reason: 'Going off shift' });
});

describe('the audit log', () => {
	it('shows a counter payment and a desk hand-over by the staff member’s name, in words, linked to their records', async () => {
		const { entries } = await listAudit(place.actors.manager);
		const payment = entries.find((e) => e.subjectType === 'payment');
		const handOver = entries.find((e) => e.subjectType === 'complaint' && e.code === 'handed_over');
		expect(words(payment!)).toEqual({
			who: 'Mak Pui Shan',
			what: `Counter payment of ${money(120_000, bill.currency)} taken`,
			record: `Unit account Block A ${place.unit.number}`,
			estate: `${place.estate.code} Harbour View`
		});
		expect(auditEntryText(payment!).facts).toEqual(['Receipt no. AUD-0001', `Bills paid: B${String(bill.seq).padStart(6, '0')}`]);
		expect(payment!.subject!.href).toBe(`/staff/fees/units/${place.unit.id}`);
		expect(words(handOver!)).toEqual({
			who: 'Desk Harbour View',
			what: 'Handed over to Desk two Harbour View',
			record: expect.stringMatching(/^Complaint C\d{6}$/),
			estate: `${place.estate.code} Harbour View`
		});
		expect(auditEntryText(handOver!).facts).toEqual(['Going off shift']);
		expect(handOver!.subject!.href).toBe(complaintHref);
		// The bill the payment settled is told on the payment's row, not as a row of its own.
		expect(entries.filter((e) => e.subjectType === 'bill')).toEqual([]);
		// What a resident did (filing the complaint) is not a staff change.
		expect(entries.some((e) => e.code === 'filed')).toBe(false);
	});

	it('says nothing as a code or an id', async () => {
		const { entries } = await listAudit(place.actors.manager);
		expect(entries.length).toBeGreaterThanOrEqual(3);
		for (const entry of entries) {
			const { what, facts } = auditEntryText(entry);
			const shown = [entry.actorName, what, ...facts, auditRecordText(entry), auditEstatesText(entry)].join(' | ');
			expect(shown, shown).not.toMatch(UUID);
			expect(shown, shown).not.toMatch(/\b[a-z]+(_[a-z]+)+\b|\b[a-z]+\.[a-z_]+\b/);
		}
	});

	it('filters by person: the finance clerk’s shows the payment and hides the desk’s hand-over, and the other way round', async () => {
		const clerk = await listAudit(place.actors.manager, { person: finance.userId });
		expect(clerk.entries.map((e) => `${e.subjectType}.${e.code}`)).toEqual(['payment.succeed']);
		const desk = await listAudit(place.actors.manager, { person: place.actors.desk.userId });
		expect(desk.entries.map((e) => `${e.subjectType}.${e.code}`)).toEqual(['complaint.handed_over', 'complaint.claimed']);
		expect(desk.entries.every((e) => e.actorName === 'Desk Harbour View')).toBe(true);
		expect(clerk.scope.people.map((p) => p.name)).toEqual(expect.arrayContaining(['Mak Pui Shan', 'Desk Harbour View']));
	});

	it('filters by kind of change, estate and dates', async () => {
		const fees = await listAudit(place.actors.manager, { group: 'fees' });
		expect(fees.entries.map((e) => e.subjectType)).toEqual(['payment']);
		const complaints = await listAudit(place.actors.manager, { group: 'complaints' });
		expect(complaints.entries.map((e) => e.code)).toEqual(['handed_over', 'claimed']);
		const estate = await listAudit(place.actors.manager, { estate: place.estate.id });
		expect(estate.entries).toHaveLength(3);
		const today = businessToday(place.estate);
		expect((await listAudit(place.actors.manager, { from: today, to: today })).entries).toHaveLength(3);
		expect((await listAudit(place.actors.manager, { to: '2020-01-01' })).entries).toEqual([]);
	});

	it('is scoped to the reader’s estates: another estate’s manager sees none of it, and cannot choose this estate', async () => {
		const theirs = await listAudit(other.actors.manager);
		expect(theirs.entries.some((e) => e.actorName === 'Mak Pui Shan' || e.actorName === 'Desk Harbour View')).toBe(false);
		expect((await listAudit(other.actors.manager, { person: finance.userId })).entries).toEqual([]);
		expect((await thrown(() => listAudit(other.actors.manager, { estate: place.estate.id }))).status).toBe(404);
		// Only managers and admins read the log.
		expect((await thrown(() => listAudit(place.actors.desk))).status).toBe(403);
		expect((await thrown(() => listAudit(finance))).status).toBe(403);
	});

	it('exports the same rows as the list, in the same words, as XLSX and CSV', async () => {
		const { entries } = await listAudit(place.actors.manager);
		const response = await exportRoute(fakeEvent({ actor: place.actors.manager, path: '/staff/admin/audit/export' }));
		expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(response.headers.get('content-disposition')).toBe('attachment; filename="audit-log-all-estates.xlsx"');
		const [sheet] = readXlsx(new Uint8Array(await response.arrayBuffer()));
		const rows = entries.map((e, i) => [
			sheet!.cells.get(`A${i + 2}`),
			sheet!.cells.get(`B${i + 2}`),
			sheet!.cells.get(`C${i + 2}`),
			sheet!.cells.get(`E${i + 2}`)
		]);
		expect(rows).toEqual(entries.map((e) => [numericDateTime(e.at, e.timeZone), e.actorName, words(e).what, words(e).record]));
		expect(sheet!.cells.get(`A${entries.length + 2}`)).toBeUndefined();

		const csv = await exportRoute(
			fakeEvent({ actor: place.actors.manager, path: `/staff/admin/audit/export?format=csv&person=${finance.userId}` })
		);
		expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		const lines = (await csv.text()).trim().split('\r\n');
		expect(lines).toHaveLength(3); // title, header, the payment
		expect(lines[2]).toContain(`Counter payment of ${money(120_000, bill.currency)} taken`);
		expect(lines[2]).toContain('Mak Pui Shan');
		expect(
			await thrown(() =>
				exportRoute(fakeEvent({ actor: other.actors.manager, path: `/staff/admin/audit/export?estate=${place.estate.id}` }))
			)
		).toMatchObject({
			status: 404
		});
	});

	it('shows a change once when its transaction both audited it and recorded its event', async () => {
		const unit = await makeUnit(place, '3B');
		await db().transaction(async (tx) => {
			await recordEvent(tx, {
				actor: place.actors.desk,
				subjectType: 'unit',
				subjectId: unit.id,
				kind: 'occupancy.added',
				note: 'Lee Siu Lung'
			});
			await recordAudit(tx, { actor: place.actors.desk, action: 'registry.occupancy.add', subjectType: 'unit', subjectId: unit.id });
		});
		// An audit row alone (no event) shows as itself, in the estate of its unit.
		await recordAudit(db(), { actor: place.actors.manager, action: 'registry.unit.update', subjectType: 'unit', subjectId: unit.id });
		const { entries } = await listAudit(place.actors.manager, { group: 'registry' });
		expect(entries.map((e) => [e.source, words(e).what, words(e).record, words(e).estate])).toEqual([
			['audit', 'Unit area or use changed', 'Unit Block A 3B', `${place.estate.code} Harbour View`],
			['event', 'Occupant added', 'Unit Block A 3B', `${place.estate.code} Harbour View`]
		]);
	});
});

describe('audit log pages', () => {
	it('page newest first across events and audit rows written at one instant, without gaps or repeats, and the export holds them all', async () => {
		const estate = await makeComplaintEstate('Paging Court');
		const { manager, desk } = estate.actors;
		const { id } = await fileComplaint(estate.actors.resident, complaintInput(estate), []);
		// One transaction: every row has the same time, so the keyset must order by source and id.
		await db().transaction(async (tx) => {
			for (let i = 0; i < AUDIT_PAGE_SIZE; i++) {
				await recordEvent(tx, { actor: desk, subjectType: 'complaint', subjectId: id, kind: 'commented', note: `e${i}` });
				await recordAudit(tx, {
					actor: desk,
					action: 'registry.unit.update',
					subjectType: 'unit',
					subjectId: estate.unit.id,
					detail: { i }
				});
			}
		});
		const seen: string[] = [];
		let before: string | null = null;
		do {
			const page: Awaited<ReturnType<typeof listAudit>> = await listAudit(manager, { before });
			seen.push(...page.entries.map((e) => e.key));
			before = page.next;
		} while (before);
		expect(seen).toHaveLength(2 * AUDIT_PAGE_SIZE);
		expect(new Set(seen).size).toBe(seen.length);
		const { entries, truncated } = await exportAudit(manager, {});
		expect(entries.map((e) => e.key)).toEqual(seen);
		expect(truncated).toBe(false);
		const cut = await exportAudit(manager, {}, { limit: 7 });
		expect(cut).toMatchObject({ truncated: true });
		expect(cut.entries.map((e) => e.key)).toEqual(seen.slice(0, 7));
	});
});
