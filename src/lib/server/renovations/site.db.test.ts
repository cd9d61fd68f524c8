import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { addDays, businessToday } from '#lib/time/index.ts';
import { db } from '../db/client.ts';
import {
	bills,
	estates,
	ledgerEntries,
	notifications,
	renovationApplications,
	renovationPermits,
	renovationWorkerPasses
} from '../db/schema/index.ts';
import type { Actor } from '../auth/actor.ts';
import * as fx from '../property/testing/fixtures.ts';
import { localDirectoryStorage } from '../storage/local-directory.ts';
import { useStorage } from '../storage/configured.ts';
import { decideRefund, markRefundPaid, refundDetail } from '../fees/refunds.ts';
import { unitBalance } from '../fees/ledger.ts';
import { depositsHeld } from '../fees/deposits.ts';
import { joinAsContractor } from './contractor.ts';
import { signCommitments, signPermit } from './signatures.ts';
import { currentPermit, reinstatePermit, revokePermit, verifyCode } from './permits.ts';
import { permitPdfFor } from './permit-document.ts';
import {
	inspectHiddenWorks,
	logInspection,
	passCompletion,
	recordDefects,
	recordViolation,
	reportRectified,
	requestCompletion,
	requestHiddenInspection
} from './works.ts';
import { siteRecord } from './site-queries.ts';
import { unitRenovations } from './review-queries.ts';
import { acceptWorks } from './acceptance.ts';
import { issueHotWorkPermit, issueWorkerPass, passesOf } from './passes.ts';
import { applicationAtCommitments, type ApprovedApplication } from './testing/approved-application.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lobby-renovation-site-'));
let a: ApprovedApplication;
let stranger: Actor;
let secondManager: Actor;

const state = async () =>
	(
		await db()
			.select({ state: renovationApplications.state })
			.from(renovationApplications)
			.where(eq(renovationApplications.id, a.applicationId))
	)[0]!.state;
/** What the application's pages show of the works. */
const worksRecord = async () =>
	siteRecord(
		(await db().select().from(renovationApplications).where(eq(renovationApplications.id, a.applicationId)))[0]!,
		'Asia/Hong_Kong'
	);
const signed = { name: 'Mei Member', renovationCommitment: 'on', fireSafetyCommitment: 'on' };
/** A small real PNG, as a phone would send a photo. */
const photo = async () => {
	const sharp = (await import('sharp')).default;
	const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#8a7' } })
		.png()
		.toBuffer();
	return new File([new Uint8Array(png)], 'site.png', { type: 'image/png' });
};

beforeAll(async () => {
	useStorage(localDirectoryStorage(dir));
	a = await applicationAtCommitments({ contractorJoins: false });
	stranger = await fx.actorOf((await fx.residentUser('Stranger')).id);
	secondManager = await fx.staffActor(['manager'], [a.estateId]);
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the commitments and the permit (rule 5 e–f)', () => {
	it('refuses a signature without the name or without ticking both commitments, at the field', async () => {
		await expect(signCommitments(a.member, a.applicationId, { ...signed, name: ' ' })).rejects.toMatchObject({ field: 'name' });
		await expect(signCommitments(a.member, a.applicationId, { ...signed, fireSafetyCommitment: undefined })).rejects.toMatchObject({
			field: 'fireSafetyCommitment'
		});
	});

	it('waits for the contractor after the applicant signs, and moves to the permit once the contractor has signed too', async () => {
		await signCommitments(a.member, a.applicationId, signed);
		await expect(signCommitments(a.member, a.applicationId, signed)).rejects.toMatchObject({ field: '' });
		expect(await state()).toBe('commitments');
		await db().transaction((tx) => joinAsContractor(tx, a.applicationId, a.contractor.userId, new Date()));
		await signCommitments(a.contractor, a.applicationId, { ...signed, name: 'Harbour Site Lead' });
		expect(await state()).toBe('permit_signing');
	});

	it('takes one signature per department, refuses a department the signer does not work for, and issues the permit on the third', async () => {
		await expect(signPermit(a.engineer, a.applicationId, 'security')).rejects.toMatchObject({ field: 'department' });
		await signPermit(a.engineer, a.applicationId, 'engineering');
		await signPermit(a.security, a.applicationId, 'security');
		await expect(signPermit(a.security, a.applicationId, 'security')).rejects.toMatchObject({ field: '' });
		expect(await currentPermit(db(), a.applicationId)).toBeUndefined();
		// The manager works for customer service too, and signs in its name.
		await signPermit(a.manager, a.applicationId, 'desk');
		expect(await state()).toBe('in_works');
		const permit = (await currentPermit(db(), a.applicationId))!;
		// Valid over the planned dates, which start a month from now (fixture): noon in Hong Kong on a day.
		const [application] = await db().select().from(renovationApplications).where(eq(renovationApplications.id, a.applicationId));
		expect(permit).toMatchObject({ validFrom: application!.plannedStart, validTo: application!.plannedEnd });
		const on = (day: string) => new Date(`${day}T04:00:00Z`);
		expect(await verifyCode(permit.code, on(addDays(permit.validFrom, 5)))).toMatchObject({
			status: 'valid',
			unitNumber: expect.any(String),
			worker: null
		});
		expect((await verifyCode(permit.code, on(addDays(permit.validFrom, -1))))?.status).toBe('not_yet_valid');
		expect((await verifyCode(permit.code, on(addDays(permit.validTo, 1))))?.status).toBe('expired');
		expect(await verifyCode('not-a-permit-code')).toBeUndefined();
		expect(await verifyCode('a'.repeat(20))).toBeUndefined();
	});

	it('gives the permit as a PDF with the CJK font embedded to the applicant side, and 404 to anyone else', async () => {
		const permit = (await currentPermit(db(), a.applicationId))!;
		const { pdf, filename } = await permitPdfFor(a.contractor, permit.id, 'zh-Hant');
		expect(filename).toMatch(/^P\d{6}-Z\d{6}\.pdf$/);
		const text = Buffer.from(pdf).toString('latin1');
		expect(text.startsWith('%PDF-')).toBe(true);
		expect(text).toMatch(/NotoSansHK/);
		await expect(permitPdfFor(stranger, permit.id)).rejects.toMatchObject({ status: 404 });
		await expect(permitPdfFor(a.member, 'not-an-id')).rejects.toMatchObject({ status: 404 });
	});
});

describe('during the works (rule 5 g–h)', () => {
	it('logs a department’s daily inspection with its photos, and asks for findings when there are issues', async () => {
		await expect(
			logInspection(a.security, a.applicationId, { department: 'security', outcome: 'issues', findings: '' })
		).rejects.toMatchObject({
			field: 'findings'
		});
		await expect(logInspection(stranger, a.applicationId, { department: 'security', outcome: 'ok' })).rejects.toMatchObject({
			status: 403
		});
		await logInspection(a.security, a.applicationId, { department: 'security', outcome: 'ok', findings: 'Extinguishers in place.' }, [
			await photo()
		]);
		const { inspections } = await worksRecord();
		expect(inspections[0]).toMatchObject({ kind: 'daily', department: 'security', outcome: 'ok' });
		expect(inspections[0]!.photoFileIds).toHaveLength(1);
	});

	it('records a violation with a fine as a bill to the applicant’s occupancy, and tells the applicant side', async () => {
		await expect(
			recordViolation(a.security, a.applicationId, { department: 'security', description: 'Smoking', fine: '-5' })
		).rejects.toMatchObject({
			field: 'fine'
		});
		await recordViolation(a.security, a.applicationId, {
			department: 'security',
			description: 'Welding without a hot-work permit',
			fine: '200'
		});
		const { violations } = await worksRecord();
		expect(violations[0]).toMatchObject({ fineMinor: 20_000 });
		const [bill] = await db().select().from(bills).where(eq(bills.id, violations[0]!.billId!));
		expect(bill).toMatchObject({ state: 'open', totalMinor: 20_000, source: 'renovation', unitId: a.unitId });
		const told = await db()
			.select({ userId: notifications.userId })
			.from(notifications)
			.where(and(eq(notifications.subjectId, a.applicationId), eq(notifications.kind, 'renovation.violation')));
		expect(told.map((n) => n.userId).sort()).toEqual([a.member.userId, a.contractor.userId].sort());
	});

	it('stops the works when security revokes the permit (verify says revoked), and a manager reinstates them with a new permit', async () => {
		const before = (await currentPermit(db(), a.applicationId))!;
		await expect(revokePermit(a.security, a.applicationId, '')).rejects.toMatchObject({ field: 'reason' });
		await revokePermit(a.security, a.applicationId, 'Welding without a permit');
		expect(await state()).toBe('suspended');
		expect((await verifyCode(before.code))?.status).toBe('revoked');
		await expect(reinstatePermit(a.security, a.applicationId, 'ok')).rejects.toMatchObject({ status: 403 });
		await reinstatePermit(a.manager, a.applicationId, 'Fire watch in place; works may go on');
		expect(await state()).toBe('in_works');
		const after = (await currentPermit(db(), a.applicationId))!;
		expect(after.id).not.toBe(before.id);
		expect((await verifyCode(before.code))?.status).toBe('revoked');
		expect(await db().select().from(renovationPermits).where(eq(renovationPermits.applicationId, a.applicationId))).toHaveLength(2);
	});

	it('issues a worker pass with a photo, billed at the schedule’s fee, whose code verifies with the permit in force', async () => {
		await expect(issueWorkerPass(a.security, a.applicationId, { name: 'Lee Tai', idLast4: '12' }, [await photo()])).rejects.toMatchObject({
			field: 'idLast4'
		});
		await expect(issueWorkerPass(a.security, a.applicationId, { name: 'Lee Tai', idLast4: '123A' }, [])).rejects.toMatchObject({
			field: 'photo'
		});
		await expect(issueWorkerPass(a.engineer, a.applicationId, { name: 'Lee Tai', idLast4: '123A' }, [await photo()])).rejects.toMatchObject(
			{
				status: 403
			}
		);
		const passId = await issueWorkerPass(a.security, a.applicationId, { name: 'Lee Tai', idLast4: '123a' }, [await photo()]);
		const [pass] = await db().select().from(renovationWorkerPasses).where(eq(renovationWorkerPasses.id, passId));
		const [bill] = await db().select().from(bills).where(eq(bills.id, pass!.billId!));
		expect(bill).toMatchObject({ totalMinor: 5_000, state: 'open', source: 'renovation' });
		const permit = (await currentPermit(db(), a.applicationId))!;
		expect(await verifyCode(pass!.code, new Date(`${addDays(permit.validFrom, 1)}T04:00:00Z`))).toMatchObject({
			status: 'valid',
			seq: permit.seq,
			worker: { name: 'Lee Tai', idLast4: '123A' }
		});
	});

	it('issues a hot-work permit for a day within the permit’s dates only', async () => {
		const permit = (await currentPermit(db(), a.applicationId))!;
		const input = { workDate: addDays(permit.validTo, 1), location: 'Pantry, 18/F', fireWatch: 'Chan Siu Keung' };
		await expect(issueHotWorkPermit(a.security, a.applicationId, input)).rejects.toMatchObject({ field: 'workDate' });
		await expect(
			issueHotWorkPermit(a.security, a.applicationId, { ...input, workDate: permit.validFrom, fireWatch: '' })
		).rejects.toMatchObject({
			field: 'fireWatch'
		});
		await issueHotWorkPermit(a.security, a.applicationId, { ...input, workDate: permit.validFrom });
		const { hotWork } = await passesOf(db(), a.applicationId);
		expect(hotWork).toMatchObject([{ workDate: permit.validFrom, location: 'Pantry, 18/F', fireWatch: 'Chan Siu Keung' }]);
	});

	it('does a hidden-works inspection on request before the completion inspection can be asked for', async () => {
		await expect(inspectHiddenWorks(a.engineer, a.applicationId, { outcome: 'passed' })).rejects.toMatchObject({ field: '' });
		await expect(
			requestHiddenInspection(a.contractor, a.applicationId, { what: 'Ceiling cables', on: '2020-01-01' })
		).rejects.toMatchObject({
			field: 'on'
		});
		await requestHiddenInspection(a.contractor, a.applicationId, { what: 'Ceiling cables', on: '2099-01-05' });
		await expect(requestCompletion(a.member, a.applicationId)).rejects.toMatchObject({ field: '' });
		await inspectHiddenWorks(a.engineer, a.applicationId, { outcome: 'passed', findings: 'Conduits fixed.' });
		await requestCompletion(a.member, a.applicationId);
		expect(await state()).toBe('completion');
	});

	it('sends defects back to be rectified, and passes the re-inspection only with every party present', async () => {
		await recordDefects(a.engineer, a.applicationId, { department: 'engineering', defects: 'Socket cover missing in room 2' });
		expect(await state()).toBe('rectifying');
		await expect(reportRectified(a.contractor, a.applicationId, '')).rejects.toMatchObject({ field: 'done' });
		await reportRectified(a.contractor, a.applicationId, 'Cover fitted');
		expect(await state()).toBe('completion');
		await expect(passCompletion(a.engineer, a.applicationId, {})).rejects.toMatchObject({ field: 'present' });
		await passCompletion(a.engineer, a.applicationId, { present: 'on' });
		expect(await state()).toBe('acceptance');
	});
});

describe('the acceptance and the deposit refund (rule 5i)', () => {
	it('closes on the manager’s acceptance and requests the deposit’s refund minus the unpaid fine and the damages', async () => {
		await expect(acceptWorks(a.manager, a.applicationId, { damage: '300', damageReason: '' })).rejects.toMatchObject({
			field: 'damageReason'
		});
		await expect(acceptWorks(a.manager, a.applicationId, { damage: '9000', damageReason: 'Lift' })).rejects.toMatchObject({
			field: 'damage'
		});
		const { refundId } = await acceptWorks(a.manager, a.applicationId, { damage: '300', damageReason: 'Scratched lift door' });
		expect(await state()).toBe('closed');
		// The door's QR code now says the works are done: no more works under this permit.
		expect((await verifyCode((await currentPermit(db(), a.applicationId))!.code))?.status).toBe('completed');
		const refund = (await refundDetail(a.manager, refundId!)).refund;
		expect(refund).toMatchObject({ kind: 'deposit', grossMinor: 500_000, payoutMinor: 450_000 });
		expect(refund.deductions.map((d) => d.amountMinor)).toEqual([20_000, 30_000]);
	});

	it('settles the fine out of the deposit when the refund is paid out, leaving only the worker pass’s open fee on the account', async () => {
		const [application] = await db().select().from(renovationApplications).where(eq(renovationApplications.id, a.applicationId));
		const refundId = application!.depositRefundId!;
		await decideRefund(secondManager, refundId, { decision: 'approve', note: '' });
		// Paid today as the estate reads it (ahead of UTC in Hong Kong after 16:00 UTC).
		const [estate] = await db().select({ timeZone: estates.timeZone }).from(estates).where(eq(estates.id, a.estateId));
		await markRefundPaid(a.cashier, refundId, { method: 'bank_transfer', paidOn: businessToday(estate!) });
		const { violations } = await worksRecord();
		const [fine] = await db().select().from(bills).where(eq(bills.id, violations[0]!.billId!));
		expect(fine!.state).toBe('paid');
		// The pass's ¥50 is a fee, not a fine: it stays owed (arrears), it is not taken from the deposit.
		expect(await unitBalance(db(), a.unitId)).toBe(5_000);
		expect((await depositsHeld(db(), [a.unitId])).every((d) => d.heldMinor === 0)).toBe(true);
		const entries = await db().select().from(ledgerEntries).where(eq(ledgerEntries.unitId, a.unitId));
		expect(entries.filter((e) => e.kind === 'refund').map((e) => e.amountMinor)).toEqual([450_000]);
	});

	it('keeps the closed application and both its permits in the unit’s records, for the estate’s staff only', async () => {
		const records = await unitRenovations(a.desk, a.unitId);
		expect(records.map((r) => r.id)).toEqual([a.applicationId]);
		expect(records[0]).toMatchObject({ state: 'closed' });
		expect(records[0]!.permits).toHaveLength(2);
		const elsewhere = await fx.staffActor(['customer_service'], [(await fx.estate()).id]);
		expect(await unitRenovations(elsewhere, a.unitId)).toEqual([]);
	});
});
