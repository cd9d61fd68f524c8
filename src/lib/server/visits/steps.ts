/**
 * A visit's steps (visits/machine.ts): booking it, the resident's answer to the time (confirm, or
 * propose another), the office's answer to a proposal (accept, or book another time), cancelling,
 * holding it with the visit form, closing it. Each step is one transaction that locks the visit,
 * asks the machine, writes the state and appends the event — and tells the other side.
 */
import { and, count, eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import { visitReference } from '#lib/references.ts';
import { visitBookSchema, visitCancelSchema, visitHoldSchema, visitShownTimeSchema, visitTimeSchema } from '#lib/schemas/visits.ts';
import { businessToday, numericDateTime } from '#lib/time/index.ts';
import type { Actor } from '../auth/actor.ts';
import { requireEstate, requireSignedIn, requireStaff } from '../auth/guards.ts';
import { db, type Executor, type Tx } from '../db/client.ts';
import { estates, occupancies, units, visitFollowUps, visits } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { fileInArchive } from '../archive/file.ts';
import { InputError, StaleStateError, parseInput } from '../kernel/input-error.ts';
import { isCurrentOn } from '../property/occupancy.ts';
import { loadVisit, type LoadedVisit, type Visit } from './access.ts';
import { visitActionEvent } from './event-kinds.ts';
import { writeFollowUp } from './follow-ups.ts';
import { visitMachine, type VisitAction } from './machine.ts';
import { tellParty, tellStaff } from './notices.ts';
import { readVisitTime, sameInstant } from './time.ts';

/** A booked visit's row and its first event, in the caller's transaction (the office's booking, the demo data). */
export async function createVisit(
	tx: Executor,
	input: { estateId: string; unitId: string; occupancyId: string; staffId: string; startsAt: Date; purpose: string }
): Promise<Visit> {
	const [visit] = await tx
		.insert(visits)
		.values({ ...input, state: 'booked' })
		.returning();
	await recordEvent(tx, {
		actor: { userId: input.staffId },
		subjectType: 'visit',
		subjectId: visit!.id,
		kind: 'booked',
		to: 'booked',
		note: input.purpose,
		data: { startsAt: input.startsAt.toISOString() }
	});
	return visit!;
}

/** The office books a visit with a current occupancy of its estates; the party is told. */
export async function bookVisit(actor: Actor, input: unknown, now = new Date()): Promise<{ id: string; reference: string }> {
	requireStaff(actor, 'visits.manage');
	const data = parseInput(visitBookSchema, input);
	return db().transaction(async (tx) => {
		const [occupancy] = await tx
			.select({ occupancy: occupancies, estateId: units.estateId, timeZone: estates.timeZone })
			.from(occupancies)
			.innerJoin(units, eq(units.id, occupancies.unitId))
			.innerJoin(estates, eq(estates.id, units.estateId))
			.where(eq(occupancies.id, data.occupancyId));
		requireEstate(actor, occupancy?.estateId);
		if (!isCurrentOn(occupancy.occupancy, businessToday(occupancy, now))) throw new InputError('occupancyId', m.visit_occupancy_ended());
		const startsAt = readVisitTime(data.startsAt, occupancy.timeZone, now);
		const visit = await createVisit(tx, {
			estateId: occupancy.estateId,
			unitId: occupancy.occupancy.unitId,
			occupancyId: occupancy.occupancy.id,
			staffId: actor.userId,
			startsAt,
			purpose: data.purpose
		});
		const when = numericDateTime(startsAt, occupancy.timeZone);
		await tellParty(tx, visit, 'booked', (locale, reference) => ({
			title: m.visit_notice_booked_title({ reference }, { locale }),
			body: m.visit_notice_booked_body({ when, name: actor.name }, { locale })
		}));
		return { id: visit.id, reference: visitReference(visit.seq) };
	});
}

interface StepResult {
	changes?: Partial<typeof visits.$inferInsert>;
	note?: string;
	data?: Record<string, unknown>;
}

/**
 * One step: the visit locked, the machine asked, `work` run (checks, side records), the state and
 * the event written together.
 */
async function takeStep(
	actor: Actor,
	visitId: string,
	action: VisitAction,
	now: Date,
	work: (tx: Tx, loaded: LoadedVisit, to: Visit['state']) => Promise<StepResult>
): Promise<void> {
	requireSignedIn(actor);
	await db().transaction(async (tx) => {
		const loaded = await loadVisit(tx, actor, visitId, { forUpdate: true, now });
		const to = visitMachine.take(loaded.visit.state, action, loaded.capacities);
		const result = await work(tx, loaded, to);
		await tx
			.update(visits)
			.set({ ...result.changes, state: to })
			.where(eq(visits.id, loaded.visit.id));
		await recordEvent(tx, {
			actor,
			subjectType: 'visit',
			subjectId: loaded.visit.id,
			kind: visitActionEvent[action],
			from: loaded.visit.state,
			to,
			note: result.note ?? '',
			data: result.data ?? {}
		});
	});
}

const when = (loaded: LoadedVisit, at: Date) => numericDateTime(at, loaded.timeZone);

/**
 * The resident (or the office, told on the phone) confirms the time booked. The form carries the
 * time it was shown: when the office has booked another since, the answer is refused.
 */
export async function confirmVisit(actor: Actor, visitId: string, input: unknown, now = new Date()): Promise<void> {
	const { shown } = parseInput(visitShownTimeSchema, input);
	await takeStep(actor, visitId, 'confirm', now, async (tx, loaded) => {
		if (!sameInstant(shown, loaded.visit.startsAt)) throw new StaleStateError(m.visit_time_changed());
		const at = when(loaded, loaded.visit.startsAt);
		if (loaded.capacities.has('party'))
			await tellStaff(tx, loaded.visit, [loaded.visit.staffId], 'confirmed', (locale, reference) => ({
				title: m.visit_notice_confirmed_title({ reference }, { locale }),
				body: m.visit_notice_confirmed_body({ when: at }, { locale })
			}));
		return { data: { startsAt: loaded.visit.startsAt.toISOString(), byPhone: !loaded.capacities.has('party') } };
	});
}

/** The resident proposes another time (the office accepts it or books another). */
export async function proposeVisitTime(actor: Actor, visitId: string, input: unknown, now = new Date()): Promise<void> {
	const data = parseInput(visitTimeSchema, input);
	await takeStep(actor, visitId, 'propose', now, async (tx, loaded) => {
		const proposedAt = readVisitTime(data.startsAt, loaded.timeZone, now);
		if (proposedAt.getTime() === loaded.visit.startsAt.getTime()) throw new InputError('startsAt', m.visit_time_same());
		const at = when(loaded, proposedAt);
		await tellStaff(tx, loaded.visit, [loaded.visit.staffId], 'proposed', (locale, reference) => ({
			title: m.visit_notice_proposed_title({ reference }, { locale }),
			body: m.visit_notice_proposed_body({ when: at }, { locale })
		}));
		return {
			changes: { proposedAt, proposalNote: data.note },
			note: data.note,
			data: { proposedAt: proposedAt.toISOString(), startsAt: loaded.visit.startsAt.toISOString() }
		};
	});
}

/** The office accepts the time the resident proposed: it becomes the visit's time, confirmed. */
export async function acceptVisitProposal(actor: Actor, visitId: string, input: unknown, now = new Date()): Promise<void> {
	const { shown } = parseInput(visitShownTimeSchema, input);
	await takeStep(actor, visitId, 'accept', now, async (tx, loaded) => {
		const proposedAt = loaded.visit.proposedAt;
		if (!sameInstant(shown, proposedAt)) throw new StaleStateError(m.visit_time_changed());
		if (proposedAt!.getTime() <= now.getTime()) throw new InputError('', m.visit_proposal_passed());
		const at = when(loaded, proposedAt!);
		await tellParty(tx, loaded.visit, 'accepted', (locale, reference) => ({
			title: m.visit_notice_accepted_title({ reference }, { locale }),
			body: m.visit_notice_accepted_body({ when: at }, { locale })
		}));
		return {
			changes: { startsAt: proposedAt!, proposedAt: null, proposalNote: '' },
			data: { startsAt: proposedAt!.toISOString(), previous: loaded.visit.startsAt.toISOString() }
		};
	});
}

/** The office books another time (instead of a proposal, or moving a confirmed visit); the resident answers again. */
export async function rebookVisit(actor: Actor, visitId: string, input: unknown, now = new Date()): Promise<void> {
	const data = parseInput(visitTimeSchema, input);
	await takeStep(actor, visitId, 'rebook', now, async (tx, loaded) => {
		const startsAt = readVisitTime(data.startsAt, loaded.timeZone, now);
		const at = when(loaded, startsAt);
		await tellParty(tx, loaded.visit, 'rebooked', (locale, reference) => ({
			title: m.visit_notice_booked_title({ reference }, { locale }),
			body: m.visit_notice_rebooked_body({ when: at }, { locale })
		}));
		return {
			changes: { startsAt, proposedAt: null, proposalNote: '' },
			note: data.note,
			data: { startsAt: startsAt.toISOString(), previous: loaded.visit.startsAt.toISOString() }
		};
	});
}

/** Either side calls the visit off before it is held; the other side is told. */
export async function cancelVisit(actor: Actor, visitId: string, input: unknown, now = new Date()): Promise<void> {
	const { reason } = parseInput(visitCancelSchema, input);
	await takeStep(actor, visitId, 'cancel', now, async (tx, loaded) => {
		const words = (locale: Parameters<Parameters<typeof tellParty>[3]>[0], reference: string) => ({
			title: m.visit_notice_cancelled_title({ reference }, { locale }),
			body: reason || m.visit_notice_cancelled_body({}, { locale })
		});
		if (loaded.capacities.has('party')) await tellStaff(tx, loaded.visit, [loaded.visit.staffId], 'cancelled', words);
		else await tellParty(tx, loaded.visit, 'cancelled', words);
		return { changes: { cancelReason: reason }, note: reason };
	});
}

/**
 * The visit form: what the customer said (at least one of opinions, suggestions, requests), and a
 * follow-up for what could not be answered. The summary is filed in the unit's file (一戶一檔) and
 * the resident is told it can read it.
 */
export async function holdVisit(actor: Actor, visitId: string, input: unknown, now = new Date()): Promise<void> {
	const data = parseInput(visitHoldSchema, input);
	if (!data.opinions && !data.suggestions && !data.requests) throw new InputError('opinions', m.visit_conversation_required());
	const followUp =
		data.question || data.ownerId || data.dueOn ? { question: data.question, ownerId: data.ownerId, dueOn: data.dueOn } : null;
	await takeStep(actor, visitId, 'hold', now, async (tx, loaded) => {
		const held = { ...loaded.visit, opinions: data.opinions, suggestions: data.suggestions, requests: data.requests };
		if (followUp) await writeFollowUp(tx, actor, held, loaded.timeZone, followUp, now);
		await fileInArchive(tx, {
			unitId: loaded.visit.unitId,
			occupancyId: loaded.visit.occupancyId,
			kind: 'visit',
			sourceType: 'visit',
			sourceId: loaded.visit.id,
			summary: { reference: visitReference(loaded.visit.seq), title: data.requests || data.opinions || data.suggestions },
			actor
		});
		await tellParty(tx, loaded.visit, 'held', (locale, reference) => ({
			title: m.visit_notice_held_title({ reference }, { locale }),
			body: m.visit_notice_held_body({}, { locale })
		}));
		return {
			changes: { opinions: data.opinions, suggestions: data.suggestions, requests: data.requests, heldAt: now },
			data: { followUps: followUp ? 1 : 0 }
		};
	});
}

/** Closes a held visit once every follow-up is answered. */
export async function closeVisit(actor: Actor, visitId: string, now = new Date()): Promise<void> {
	await takeStep(actor, visitId, 'close', now, async (tx, loaded) => {
		const [open] = await tx
			.select({ n: count() })
			.from(visitFollowUps)
			.where(and(eq(visitFollowUps.visitId, loaded.visit.id), eq(visitFollowUps.state, 'open')));
		if ((open?.n ?? 0) > 0) throw new InputError('', m.visit_close_follow_ups_open({ count: open!.n }));
		return { changes: { closedAt: now } };
	});
}
