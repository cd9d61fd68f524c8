/**
 * During and at the end of the works (rule 5 g–h): each department logs its daily inspection with
 * photos; a violation is recorded with a fine, issued as a bill to the application's occupancy in
 * the same transaction, and the applicant side is told; the applicant side asks for a hidden-works
 * inspection before covering anything up, and engineering records its result; the applicant side
 * asks for the completion inspection, where defects send the works back to be rectified and
 * re-inspected until engineering passes them with every party present.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';
import { parseAmountMinor } from '#lib/money/index.ts';
import { amountField } from '#lib/schemas/fees-staff.ts';
import { businessToday, parseDate } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { requireResidentOrContractor, requireStaff } from '../auth/guards.ts';
import { db, type Tx } from '../db/client.ts';
import { renovationInspections, renovationViolations } from '../db/schema/index.ts';
import { storePhoto } from '../files/service.ts';
import { estateZone } from '../fees/estate-time.ts';
import { issueBill } from '../fees/issue-bill.ts';
import { feeSettings } from '../fees/settings.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { checkPhotos } from '../repairs/photos.ts';
import { departmentPermissions, loadApplication, type RenovationApplication } from './access.ts';
import { tellApplicantSide } from './notices.ts';
import { permitSigners, type PermitSigner } from './signatures.ts';
import { takeRenovationAction } from './transition.ts';

const staffPermissions = permitSigners.map((d) => departmentPermissions[d]);

const text = (error: () => string) => z.string().trim().min(1, { error }).max(2000);
const departmentField = z.enum(permitSigners, { error: () => m.renovations_sign_department_required() });

/** The department the staff member acts for here: one it works for (a manager may act for customer service). */
function acting(capacities: ReadonlySet<string>, department: PermitSigner): PermitSigner {
	if (!capacities.has(department)) throw new InputError('department', m.renovations_sign_not_your_department());
	return department;
}

async function estateToday(tx: Tx, application: RenovationApplication): Promise<string> {
	return businessToday(await estateZone(tx, application.estateId));
}

const inspectionSchema = z.object({
	department: departmentField,
	outcome: z.enum(['ok', 'issues'], { error: () => m.renovations_inspection_outcome_required() }),
	findings: z.string().trim().max(2000).default('')
});

/** A department's daily inspection, with its photos (checked before the transaction: no locks held while decoding). */
export async function logInspection(actor: Actor, applicationId: string, input: unknown, photos: readonly File[] = []): Promise<void> {
	requireStaff(actor, staffPermissions);
	await loadApplication(db(), actor, applicationId);
	const form = parseInput(inspectionSchema, input);
	if (form.outcome === 'issues' && !form.findings) throw new InputError('findings', m.renovations_inspection_findings_required());
	const accepted = await checkPhotos(photos);
	return await takeRenovationAction(actor, applicationId, 'inspect', async (tx, { application, capacities }) => {
		const department = acting(capacities, form.department);
		const photoFileIds: string[] = [];
		for (const photo of accepted) photoFileIds.push((await storePhoto(tx, actor, photo, { type: 'renovation', id: application.id })).id);
		const inspectedOn = await estateToday(tx, application);
		await tx.insert(renovationInspections).values({
			applicationId: application.id,
			kind: 'daily',
			department,
			inspectorId: actor.userId,
			inspectedOn,
			inspectedAt: new Date(),
			outcome: form.outcome,
			findings: form.findings,
			photoFileIds
		});
		return { note: form.findings || undefined, data: { department, outcome: form.outcome, photos: photoFileIds.length } };
	});
}

const violationSchema = z.object({
	department: departmentField,
	description: text(() => m.renovations_violation_description_required()),
	fine: z.union([z.literal(''), amountField]).default('')
});

/**
 * A violation found on site. With a fine, the fine is a bill to the application's occupancy
 * (source renovation, one per violation); the applicant side is told either way.
 */
export async function recordViolation(actor: Actor, applicationId: string, input: unknown): Promise<void> {
	requireStaff(actor, staffPermissions);
	return await takeRenovationAction(actor, applicationId, 'record_violation', async (tx, { application, capacities }) => {
		const form = parseInput(violationSchema, input);
		const department = acting(capacities, form.department);
		const fineMinor = form.fine ? parseAmountMinor(form.fine)! : 0;
		const [violation] = await tx
			.insert(renovationViolations)
			.values({ applicationId: application.id, department, description: form.description, recordedBy: actor.userId })
			.returning({ id: renovationViolations.id });
		let billId: string | null = null;
		if (fineMinor > 0) {
			const bill = await issueBill(tx, {
				unitId: application.unitId,
				payer: { occupancyId: application.occupancyId },
				source: 'renovation',
				sourceId: violation!.id,
				lines: [
					{
						feeItemId: null,
						nameEn: m.renovations_fine_line({}, { locale: 'en' }),
						nameZhHans: m.renovations_fine_line({}, { locale: 'zh-Hans' }),
						nameZhHant: m.renovations_fine_line({}, { locale: 'zh-Hant' }),
						quantity: '1',
						// A bill line's price is in 1/10000 of the minor unit.
						priceMicro: fineMinor * 10_000
					}
				],
				actorId: actor.userId,
				note: form.description
			});
			billId = bill.billId;
			await tx.update(renovationViolations).set({ fineMinor, billId }).where(eq(renovationViolations.id, violation!.id));
		}
		const { currency } = await feeSettings(tx);
		await tellApplicantSide(tx, application, 'violation', { description: form.description, fineMinor, currency });
		return { note: form.description, data: { department, fineMinor, billId } };
	});
}

const hiddenRequestSchema = z.object({
	what: text(() => m.renovations_hidden_what_required()),
	on: z
		.string()
		.trim()
		.refine((v) => parseDate(v) !== null, { error: () => m.field_date_invalid() })
});

/** The applicant side asks for a hidden-works inspection (隱蔽工程驗收) before covering the works, on a day from today. */
export async function requestHiddenInspection(actor: Actor, applicationId: string, input: unknown): Promise<void> {
	requireResidentOrContractor(actor);
	return await takeRenovationAction(actor, applicationId, 'request_hidden_inspection', async (tx, { application }) => {
		const form = parseInput(hiddenRequestSchema, input);
		if (form.on < (await estateToday(tx, application))) throw new InputError('on', m.renovations_hidden_day_past());
		await tx.insert(renovationInspections).values({
			applicationId: application.id,
			kind: 'hidden_works',
			requestedBy: actor.userId,
			requestedWhat: form.what,
			requestedOn: form.on
		});
		return { note: form.what, data: { on: form.on } };
	});
}

/** The hidden-works inspections asked for and not yet done, oldest first. */
function waitingHiddenInspections(tx: Tx, applicationId: string) {
	return tx
		.select()
		.from(renovationInspections)
		.where(
			and(
				eq(renovationInspections.applicationId, applicationId),
				eq(renovationInspections.kind, 'hidden_works'),
				isNull(renovationInspections.outcome)
			)
		)
		.orderBy(renovationInspections.createdAt);
}

const hiddenResultSchema = z.object({
	outcome: z.enum(['passed', 'defects'], { error: () => m.renovations_inspection_outcome_required() }),
	findings: z.string().trim().max(2000).default('')
});

/** Engineering records the result of the oldest hidden-works inspection asked for. */
export async function inspectHiddenWorks(actor: Actor, applicationId: string, input: unknown): Promise<void> {
	requireStaff(actor, 'renovations.engineering');
	return await takeRenovationAction(actor, applicationId, 'inspect_hidden_works', async (tx, { application }) => {
		const form = parseInput(hiddenResultSchema, input);
		if (form.outcome === 'defects' && !form.findings) throw new InputError('findings', m.renovations_inspection_findings_required());
		const [waiting] = await waitingHiddenInspections(tx, application.id);
		if (!waiting) throw new InputError('', m.renovations_hidden_none_requested());
		await tx
			.update(renovationInspections)
			.set({
				department: 'engineering',
				inspectorId: actor.userId,
				inspectedOn: await estateToday(tx, application),
				inspectedAt: new Date(),
				outcome: form.outcome,
				findings: form.findings
			})
			.where(eq(renovationInspections.id, waiting.id));
		return { note: form.findings || undefined, data: { outcome: form.outcome, what: waiting.requestedWhat } };
	});
}

/** The applicant side says the works are finished and asks for the completion inspection (竣工驗收). */
export async function requestCompletion(actor: Actor, applicationId: string): Promise<void> {
	requireResidentOrContractor(actor);
	return await takeRenovationAction(actor, applicationId, 'request_completion', async (tx, { application }) => {
		if ((await waitingHiddenInspections(tx, application.id)).length) throw new InputError('', m.renovations_completion_hidden_waiting());
		return {};
	});
}

const defectsSchema = z.object({
	department: departmentField,
	defects: text(() => m.renovations_defects_required())
});

/** A department records defects at the completion inspection: the works go back to be rectified. */
export async function recordDefects(actor: Actor, applicationId: string, input: unknown): Promise<void> {
	requireStaff(actor, staffPermissions);
	return await takeRenovationAction(actor, applicationId, 'record_defects', async (tx, { application, capacities }) => {
		const form = parseInput(defectsSchema, input);
		const department = acting(capacities, form.department);
		await tx.insert(renovationInspections).values({
			applicationId: application.id,
			kind: 'completion',
			department,
			inspectorId: actor.userId,
			inspectedOn: await estateToday(tx, application),
			inspectedAt: new Date(),
			outcome: 'defects',
			findings: form.defects
		});
		return { note: form.defects, data: { department } };
	});
}

/** The applicant side says what was done about the defects and asks for re-inspection. */
export async function reportRectified(actor: Actor, applicationId: string, done: unknown): Promise<void> {
	requireResidentOrContractor(actor);
	return await takeRenovationAction(actor, applicationId, 'rectified', async () => ({
		note: parseInput(z.object({ done: text(() => m.renovations_rectified_required()) }), { done }).done
	}));
}

const passSchema = z.object({
	present: z.literal('on', { error: () => m.renovations_completion_present_required() }),
	findings: z.string().trim().max(2000).default('')
});

/** Engineering passes the completion inspection, every party present: the manager's acceptance is next. */
export async function passCompletion(actor: Actor, applicationId: string, input: unknown): Promise<void> {
	requireStaff(actor, 'renovations.engineering');
	return await takeRenovationAction(actor, applicationId, 'pass_completion', async (tx, { application }) => {
		const form = parseInput(passSchema, input);
		await tx.insert(renovationInspections).values({
			applicationId: application.id,
			kind: 'completion',
			department: 'engineering',
			inspectorId: actor.userId,
			inspectedOn: await estateToday(tx, application),
			inspectedAt: new Date(),
			outcome: 'passed',
			findings: form.findings
		});
		return { note: form.findings || undefined };
	});
}
