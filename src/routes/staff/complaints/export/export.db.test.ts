import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db } from '#lib/server/db/client.ts';
import { complaints } from '#lib/server/db/schema/index.ts';
import { readXlsx } from '#lib/server/reports/xlsx-read.ts';
import { localDateTimeValue } from '#lib/time/index.ts';
import { fileComplaint } from '#lib/server/complaints/intake.ts';
import { assignComplaint, claimComplaint, resolveComplaint } from '#lib/server/complaints/desk.ts';
import { recordComplaintCallback } from '#lib/server/complaints/callback.ts';
import { complaintReport } from '#lib/server/complaints/stats.ts';
import { complaintInput, makeComplaintEstate } from '#lib/server/complaints/testing.ts';
import { fakeEvent, thrown } from '../../../../../tests/request-event.ts';
import { GET } from './+server.ts';

const HOUR = 3_600_000;

/** An estate with three complaints this month: one resolved in 5 hours and called back (satisfied), one with security, one new. */
async function monthOfComplaints() {
	const place = await makeComplaintEstate();
	const { actors } = place;
	const local = (at: Date) => localDateTimeValue(at, place.estate.timeZone);
	const ids = [];
	for (let i = 0; i < 3; i++) ids.push((await fileComplaint(actors.resident, complaintInput(place), [])).id);
	for (const id of ids.slice(0, 2)) {
		await claimComplaint(actors.desk, id, { promisedReplyBy: local(new Date(Date.now() + HOUR)) });
		await assignComplaint(actors.desk, id, {
			department: 'security',
			dueAt: local(new Date(Date.now() + 24 * HOUR)),
			responsibleId: '',
			note: ''
		});
	}
	await resolveComplaint(actors.guard, ids[0]!, { resolution: 'Done.', outsideParty: '', signedName: 'Guard' });
	// Registered five hours before its result, for the time to a result.
	await db()
		.update(complaints)
		.set({ createdAt: new Date(Date.now() - 5 * HOUR) })
		.where(eq(complaints.id, ids[0]!));
	await recordComplaintCallback(actors.desk, ids[0]!, { mode: 'phone', satisfied: 'yes', note: '', signedName: '', signature: '' });
	return place;
}

describe('complaint statistics and their XLSX', () => {
	it('counts by kind and department, times the result, and shows the callback shares', async () => {
		const place = await monthOfComplaints();
		const report = await complaintReport(place.actors.manager, { estate: place.estate.id });
		expect(report.total).toMatchObject({ complaints: 3, resolved: 1, answered: 1, satisfied: 1 });
		expect(report.total.averageHours).toBeCloseTo(5, 0);
		expect(report.byKind).toEqual([expect.objectContaining({ key: place.kind.code, complaints: 3 })]);
		expect(Object.fromEntries(report.byDepartment.map((d) => [d.key, d.complaints]))).toEqual({ '': 1, security: 2 });
		expect(report.board.shares).toMatchObject({ resolved: 1, calledBack: 1, inPerson: 0, callbacksNeeded: 0, inPersonNeeded: 1 });
	});

	it('downloads a workbook with the summary, both breakdowns and the list', async () => {
		const place = await monthOfComplaints();
		const response = await GET(fakeEvent({ actor: place.actors.manager, path: `/staff/complaints/export?estate=${place.estate.id}` }));
		expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
		expect(response.headers.get('content-disposition')).toMatch(
			/^attachment; filename="complaint-statistics-[A-Za-z0-9-]+-\d{4}-\d{2}\.xlsx"$/
		);
		const sheets = readXlsx(new Uint8Array(await response.arrayBuffer()));
		expect(sheets.map((s) => s.name)).toEqual(['Summary', 'By kind', 'By department', 'Complaints']);
		expect(sheets[0]!.cells.get('B2')).toBe(3);
		expect(sheets[3]!.cells.get('A2')).toMatch(/^C\d{6}$/);
	});

	it('is the desk’s and the managers’: a department, another estate and a resident are refused', async () => {
		const place = await monthOfComplaints();
		const other = await makeComplaintEstate('Other Estate');
		const path = `/staff/complaints/export?estate=${place.estate.id}`;
		expect(await thrown(() => GET(fakeEvent({ actor: place.actors.guard, path })))).toMatchObject({ status: 403 });
		expect(await thrown(() => GET(fakeEvent({ actor: other.actors.manager, path })))).toMatchObject({ status: 404 });
		expect(await thrown(() => GET(fakeEvent({ actor: place.actors.resident, path })))).toMatchObject({ status: 403 });
	});
});
