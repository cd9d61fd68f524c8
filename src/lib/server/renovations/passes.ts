/**
 * What is issued against the construction permit (rule 5f): worker passes (出入證) — a worker's
 * name, photo, the last four characters of their ID and a QR code the guard at the door scans —
 * each billed at the schedule's worker-pass fee (renovation_worker_pass, when the fees dictionary
 * has one); and hot-work permits (動火證) for one day, a place, and who keeps the fire watch.
 * A pass is good while the application's permit in force is valid: revoking the permit stops
 * every pass with it.
 */
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { businessToday, parseDate } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import { randomString } from '../auth/tokens.ts';
import { db, type Executor } from '../db/client.ts';
import { renovationHotWorkPermits, renovationWorkerPasses } from '../db/schema/index.ts';
import { storePhoto } from '../files/service.ts';
import { estateZone } from '../fees/estate-time.ts';
import { oneOffFeeItems } from '../fees/fee-items.ts';
import { issueBill } from '../fees/issue-bill.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { checkPhotos } from '../repairs/photos.ts';
import { loadApplication } from './access.ts';
import { WORKER_PASS_FEE_CODE } from './fees.ts';
import { currentPermit } from './permits.ts';
import { takeRenovationAction } from './transition.ts';

const passSchema = z.object({
	name: z
		.string()
		.trim()
		.min(2, { error: () => m.site_pass_name_required() })
		.max(120),
	idLast4: z
		.string()
		.trim()
		.regex(/^[0-9A-Za-z]{4}$/, { error: () => m.site_pass_id_invalid() })
});

/** Customer service or security issues a worker's pass, with the worker's photo, billed at the schedule's fee. */
export async function issueWorkerPass(actor: Actor, applicationId: string, input: unknown, photos: readonly File[]): Promise<string> {
	requireStaff(actor, ['renovations.intake', 'renovations.security']);
	await loadApplication(db(), actor, applicationId);
	const form = parseInput(passSchema, input);
	const [photo] = await checkPhotos(photos, 'photo');
	if (!photo || photos.length > 1) throw new InputError('photo', m.site_pass_photo_required());
	return await takeRenovationAction(actor, applicationId, 'issue_worker_pass', async (tx, { application }) => {
		const permit = await currentPermit(tx, application.id);
		if (!permit) throw new InputError('', m.site_pass_no_permit());
		const file = await storePhoto(tx, actor, photo, { type: 'renovation', id: application.id });
		const [pass] = await tx
			.insert(renovationWorkerPasses)
			.values({
				applicationId: application.id,
				permitId: permit.id,
				name: form.name,
				idLast4: form.idLast4.toUpperCase(),
				photoFileId: file.id,
				code: randomString(20),
				issuedBy: actor.userId
			})
			.returning();
		const today = businessToday(await estateZone(tx, application.estateId));
		const fee = (await oneOffFeeItems(application.estateId, today, tx)).find(
			(item) => item.code === WORKER_PASS_FEE_CODE && item.priceMicro !== null
		);
		let billId: string | null = null;
		if (fee) {
			const bill = await issueBill(tx, {
				unitId: application.unitId,
				payer: { occupancyId: application.occupancyId },
				source: 'renovation',
				sourceId: pass!.id,
				lines: [
					{
						feeItemId: fee.id,
						nameEn: `${fee.nameEn}: ${form.name}`,
						nameZhHans: `${fee.nameZhHans}：${form.name}`,
						nameZhHant: `${fee.nameZhHant}：${form.name}`,
						quantity: '1',
						priceMicro: fee.priceMicro!
					}
				],
				actorId: actor.userId
			});
			billId = bill.billId;
			await tx.update(renovationWorkerPasses).set({ billId }).where(eq(renovationWorkerPasses.id, pass!.id));
		}
		return { note: form.name, data: { passId: pass!.id, seq: pass!.seq, billId }, result: pass!.id };
	});
}

const hotWorkSchema = z.object({
	workDate: z
		.string()
		.trim()
		.refine((v) => parseDate(v) !== null, { error: () => m.field_date_invalid() }),
	location: z
		.string()
		.trim()
		.min(1, { error: () => m.site_hot_work_location_required() })
		.max(200),
	fireWatch: z
		.string()
		.trim()
		.min(2, { error: () => m.site_hot_work_fire_watch_required() })
		.max(200)
});

/** Security issues a hot-work permit for one day within the permit's dates, from today on. */
export async function issueHotWorkPermit(actor: Actor, applicationId: string, input: unknown): Promise<void> {
	requireStaff(actor, 'renovations.security');
	return await takeRenovationAction(actor, applicationId, 'issue_hot_work_permit', async (tx, { application }) => {
		const form = parseInput(hotWorkSchema, input);
		const permit = await currentPermit(tx, application.id);
		if (!permit) throw new InputError('', m.site_pass_no_permit());
		const today = businessToday(await estateZone(tx, application.estateId));
		if (form.workDate < today || form.workDate < permit.validFrom || form.workDate > permit.validTo) {
			throw new InputError('workDate', m.site_hot_work_date_outside());
		}
		await tx.insert(renovationHotWorkPermits).values({
			applicationId: application.id,
			permitId: permit.id,
			workDate: form.workDate,
			location: form.location,
			fireWatch: form.fireWatch,
			issuedBy: actor.userId
		});
		return { note: `${form.workDate} · ${form.location}`, data: { ...form } };
	});
}

/** The application's worker passes and hot-work permits, newest first. */
export async function passesOf(executor: Executor, applicationId: string) {
	const [passes, hotWork] = await Promise.all([
		executor
			.select({
				id: renovationWorkerPasses.id,
				seq: renovationWorkerPasses.seq,
				name: renovationWorkerPasses.name,
				idLast4: renovationWorkerPasses.idLast4,
				photoFileId: renovationWorkerPasses.photoFileId,
				createdAt: renovationWorkerPasses.createdAt
			})
			.from(renovationWorkerPasses)
			.where(eq(renovationWorkerPasses.applicationId, applicationId))
			.orderBy(desc(renovationWorkerPasses.seq)),
		executor
			.select({
				id: renovationHotWorkPermits.id,
				seq: renovationHotWorkPermits.seq,
				workDate: renovationHotWorkPermits.workDate,
				location: renovationHotWorkPermits.location,
				fireWatch: renovationHotWorkPermits.fireWatch
			})
			.from(renovationHotWorkPermits)
			.where(eq(renovationHotWorkPermits.applicationId, applicationId))
			.orderBy(desc(renovationHotWorkPermits.workDate), desc(renovationHotWorkPermits.seq))
	]);
	return { passes, hotWork };
}
