/**
 * Service applications (服務申請): a resident applies for a kind from the dictionary
 * (dictionaries/service-application-kinds.ts), filling its fields; the kind's department approves
 * or rejects it, and marks it done. Each step is one transaction that writes the state and its
 * event. Submission files the application in the unit's file (一戶一檔); approval of a kind with a
 * fee issues its bill through the ledger (fees/issue-bill.ts), which files bills itself.
 */
import { and, eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { lineAmount } from '#lib/money/index.ts';
import { dateTime, localInstant, parseClock } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { requireResident } from '../auth/guards.ts';
import { db, type Executor, type Tx } from '../db/client.ts';
import { serviceApplicationKinds, serviceApplications } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { fileInArchive } from '../archive/file.ts';
import { addWorkingMinutes, type WorkingCalendar } from '../calendar/working-time.ts';
import { loadCalendar } from '../calendar/store.ts';
import { kindFields } from '../dictionaries/service-application-kinds.ts';
import { oneOffFeeItems, sourceForKind, type OneOffItem } from '../fees/fee-items.ts';
import { issueBill } from '../fees/issue-bill.ts';
import { feeSettings } from '../fees/settings.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { isUuid } from '../kernel/ids.ts';
import { actingOccupancy, actorOccupancies, unitToday } from '../property/occupancy.ts';
import { checkAnswers, serviceDecisionSchema, serviceRejectionSchema, type ServiceField } from '../../schemas/service-applications.ts';
import { loadApplication, serviceReference, type LoadedApplication, type ServiceApplication } from './access.ts';
import { serviceApplicationMachine, type ServiceAction, type ServiceApplicationState } from './machine.ts';

/** The name a posted answer field has in the form (and in an InputError): `f_<key>`. */
export const answerFieldName = (key: string) => `f_${key}`;

export interface SubmitInput {
	unitId: string;
	kindId: string;
	/** Field key → what was typed or chosen. */
	answers: Record<string, unknown>;
}

/**
 * When the service is wanted: the first date field's day at the first time field's clock (the
 * day's start without one), in the estate's zone; null for a kind without a date.
 */
export function requestedInstant(fields: readonly ServiceField[], answers: Record<string, string>, timeZone: string): Date | null {
	const dateKey = fields.find((f) => f.type === 'date' && answers[f.key])?.key;
	if (!dateKey) return null;
	const timeKey = fields.find((f) => f.type === 'time' && answers[f.key])?.key;
	return localInstant(answers[dateKey]!, timeKey ? (parseClock(answers[timeKey]!) ?? 0) : 0, timeZone);
}

/** The lead time: the earliest instant a kind may be wanted for, applying now. */
function earliestAllowed(now: Date, leadWorkingHours: number, calendar: WorkingCalendar): Date {
	return leadWorkingHours > 0 ? addWorkingMinutes(now, leadWorkingHours * 60, calendar) : now;
}

/**
 * A resident applies from a unit it holds today; the application belongs to that occupancy.
 * Refusals are at their field: the unit, the kind (retired or unknown), an answer, the date (lead time).
 */
export async function submitApplication(actor: Actor, input: SubmitInput, now: Date = new Date()): Promise<{ id: string }> {
	requireResident(actor);
	const occupancy = actingOccupancy((await actorOccupancies(db(), actor, now)).filter((o) => o.unitId === input.unitId));
	if (!occupancy) throw new InputError('unitId', m.services_unit_not_yours());
	const [kind] = isUuid(input.kindId)
		? await db()
				.select()
				.from(serviceApplicationKinds)
				.where(and(eq(serviceApplicationKinds.id, input.kindId), eq(serviceApplicationKinds.active, true)))
		: [];
	if (!kind) throw new InputError('kindId', m.services_kind_unavailable());
	const fields = kindFields(kind);
	const { answers, problems } = checkAnswers(fields, input.answers);
	if (problems.length) throw new InputError(answerFieldName(problems[0]!.key), problems[0]!.message);
	const requestedFor = requestedInstant(fields, answers, occupancy.timeZone);
	return db().transaction(async (tx) => {
		if (requestedFor) {
			const earliest = earliestAllowed(now, kind.leadWorkingHours, await loadCalendar(tx, occupancy.timeZone));
			if (requestedFor < earliest) {
				const dateKey = fields.find((f) => f.type === 'date' && answers[f.key])!.key;
				throw new InputError(
					answerFieldName(dateKey),
					kind.leadWorkingHours > 0
						? m.services_lead_time({ hours: kind.leadWorkingHours, earliest: dateTime(earliest, occupancy.timeZone) })
						: m.services_date_past()
				);
			}
		}
		const [created] = await tx
			.insert(serviceApplications)
			.values({
				estateId: occupancy.estateId,
				unitId: occupancy.unitId,
				occupancyId: occupancy.id,
				kindId: kind.id,
				department: kind.department,
				answers,
				fields,
				requestedFor,
				submittedBy: actor.userId
			})
			.returning();
		const application = created!;
		await recordEvent(tx, {
			actor,
			subjectType: 'service_application',
			subjectId: application.id,
			kind: 'submitted',
			to: 'submitted',
			data: { kind: kind.code }
		});
		await fileInArchive(tx, {
			unitId: application.unitId,
			occupancyId: application.occupancyId,
			kind: 'service_application',
			sourceType: 'service_application',
			sourceId: application.id,
			summary: {
				reference: serviceReference(application),
				kind: kind.code,
				nameEn: kind.nameEn,
				nameZhHans: kind.nameZhHans,
				nameZhHant: kind.nameZhHant
			},
			actor
		});
		return { id: application.id };
	});
}

/** The fee approval bills: the fee item at its price on the day, times 1 or the counted field. */
export interface ServiceFee {
	item: OneOffItem;
	quantity: string;
	amountMinor: number;
	/** The currency new bills are issued in (fees/settings.ts). */
	currency: string;
}

/**
 * The fee an application would be billed if approved today (null: the kind is free). A fee item
 * without a price, or a count missing, is a refusal the office must fix before approving.
 */
export async function serviceFee(executor: Executor, application: ServiceApplication): Promise<ServiceFee | null> {
	const [kind] = await executor.select().from(serviceApplicationKinds).where(eq(serviceApplicationKinds.id, application.kindId));
	if (!kind?.feeItemId) return null;
	const today = await unitToday(executor, application.unitId);
	const item = (await oneOffFeeItems(application.estateId, today, executor)).find((i) => i.id === kind.feeItemId);
	if (!item || item.priceMicro === null) throw new InputError('', m.services_fee_unpriced());
	const quantity = kind.feeBasis === 'per_unit' ? application.answers[kind.feeQuantityField ?? ''] : '1';
	if (!quantity) throw new InputError('', m.services_fee_no_quantity());
	const { currency } = await feeSettings(executor);
	return { item, quantity, amountMinor: lineAmount(quantity, item.priceMicro), currency };
}

/**
 * One action in one transaction: lock the application the actor may see (404), ask the machine
 * (403 / a stale-state message), do the action's work, write the state and its event.
 */
async function takeAction(
	actor: Actor,
	id: string,
	action: ServiceAction,
	note: string,
	work: (
		tx: Tx,
		loaded: LoadedApplication
	) => Promise<{ changes?: Partial<typeof serviceApplications.$inferInsert>; data?: Record<string, unknown> }> = async () => ({})
): Promise<void> {
	await db().transaction(async (tx) => {
		const loaded = await loadApplication(tx, actor, id, { forUpdate: true });
		const { application } = loaded;
		const next: ServiceApplicationState = serviceApplicationMachine.take(application.state, action, loaded.capacities);
		const { changes, data } = await work(tx, loaded);
		await tx
			.update(serviceApplications)
			.set({ ...changes, state: next, updatedAt: new Date() })
			.where(eq(serviceApplications.id, application.id));
		await recordEvent(tx, {
			actor,
			subjectType: 'service_application',
			subjectId: application.id,
			kind: action,
			from: application.state,
			to: next,
			note,
			data
		});
	});
}

/** The department approves: a kind with a fee is billed now, to the occupancy that applied. */
export async function approveApplication(actor: Actor, id: string, raw: unknown): Promise<void> {
	const { note } = parseInput(serviceDecisionSchema, raw);
	await takeAction(actor, id, 'approve', note, async (tx, { application }) => {
		const fee = await serviceFee(tx, application);
		const decided = { decidedBy: actor.userId, decidedAt: new Date(), decisionNote: note };
		if (!fee) return { changes: decided };
		const bill = await issueBill(tx, {
			unitId: application.unitId,
			payer: { occupancyId: application.occupancyId },
			source: sourceForKind(fee.item.kind),
			sourceId: application.id,
			lines: [
				{
					feeItemId: fee.item.id,
					nameEn: fee.item.nameEn,
					nameZhHans: fee.item.nameZhHans,
					nameZhHant: fee.item.nameZhHant,
					quantity: fee.quantity,
					priceMicro: fee.item.priceMicro!
				}
			],
			actorId: actor.userId,
			note: `service application ${serviceReference(application)}`
		});
		return { changes: { ...decided, billId: bill.billId }, data: { billId: bill.billId, totalMinor: bill.totalMinor } };
	});
}

/** The department refuses, with the reason the resident reads. */
export async function rejectApplication(actor: Actor, id: string, raw: unknown): Promise<void> {
	const { note } = parseInput(serviceRejectionSchema, raw);
	await takeAction(actor, id, 'reject', note, async () => ({
		changes: { decidedBy: actor.userId, decidedAt: new Date(), decisionNote: note }
	}));
}

/** The service was given (the lock changed, the air-conditioning run). */
export async function completeApplication(actor: Actor, id: string, raw: unknown): Promise<void> {
	const { note } = parseInput(serviceDecisionSchema, raw);
	await takeAction(actor, id, 'complete', note, async () => ({ changes: { doneAt: new Date() } }));
}

/** The resident withdraws an application still waiting. */
export async function withdrawApplication(actor: Actor, id: string): Promise<void> {
	requireResident(actor);
	await takeAction(actor, id, 'withdraw', '');
}
