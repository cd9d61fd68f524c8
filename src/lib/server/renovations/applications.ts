/**
 * A resident's renovation application from the first draft to its submission (rule 5a): started
 * for a unit the resident holds today (the case belongs to that occupancy: the company's, for a
 * member applying for its company), saved as often as needed, submitted once the checklist is
 * complete. Every step goes through the machine (transition.ts) and leaves an event.
 */
import { eq } from 'drizzle-orm';
import { m } from '#lib/paraglide/messages.js';
import type { Actor } from '../auth/actor.ts';
import { requireResident, requireResidentOrContractor } from '../auth/guards.ts';
import { db, type Executor } from '../db/client.ts';
import { renovationApplications, renovationDocuments } from '../db/schema/index.ts';
import { recordEvent } from '../events/service.ts';
import { InputError, parseInput } from '../kernel/input-error.ts';
import { actingOccupancy, actorOccupancies } from '../property/occupancy.ts';
import { renovationFormSchema } from '#lib/schemas/renovations.ts';
import { checklist, type ChecklistItem } from './checklist.ts';
import { takeRenovationAction } from './transition.ts';
import { reasonSchema } from './review.ts';
import { z } from 'zod';

/** Starts a draft for one of the actor's units; returns its id. */
export async function startApplication(actor: Actor, unitId: string, now = new Date()): Promise<string> {
	requireResident(actor);
	const occupancy = actingOccupancy((await actorOccupancies(db(), actor, now)).filter((o) => o.unitId === unitId));
	if (!occupancy) throw new InputError('unitId', m.renovations_unit_not_yours());
	return db().transaction(async (tx) => {
		const [row] = await tx
			.insert(renovationApplications)
			.values({ estateId: occupancy.estateId, unitId: occupancy.unitId, occupancyId: occupancy.id, applicantId: actor.userId })
			.returning({ id: renovationApplications.id });
		await recordEvent(tx, { actor, subjectType: 'renovation', subjectId: row!.id, kind: 'started', to: 'draft' });
		return row!.id;
	});
}

/** Saves the form (the applicant, or the contractor once invited); each field is checked, none is required yet. */
export async function saveApplication(actor: Actor, applicationId: string, raw: unknown): Promise<void> {
	requireResidentOrContractor(actor);
	const input = parseInput(renovationFormSchema, raw);
	await takeRenovationAction(actor, applicationId, 'edit', async () => ({ changes: input }));
}

/** What the application still lacks before it may be submitted. */
export async function submissionChecklist(
	executor: Executor,
	application: Parameters<typeof checklist>[0] & { id: string }
): Promise<ChecklistItem[]> {
	const documents = await executor
		.select({ kind: renovationDocuments.kind })
		.from(renovationDocuments)
		.where(eq(renovationDocuments.applicationId, application.id));
	return checklist(application, documents).beforeSubmit;
}

/** Submits the application: refused, with the checklist's message, until nothing is missing. */
export async function submitApplication(actor: Actor, applicationId: string, now = new Date()): Promise<void> {
	requireResidentOrContractor(actor);
	await takeRenovationAction(actor, applicationId, 'submit', async (tx, { application }) => {
		const missing = await submissionChecklist(tx, application);
		if (missing.length) throw new InputError('checklist', m.renovations_incomplete());
		return { changes: { submittedAt: now } };
	});
}

/** The applicant withdraws the application before the permit, with the reason staff read. */
export async function withdrawApplication(actor: Actor, applicationId: string, reason: unknown): Promise<void> {
	requireResident(actor);
	await takeRenovationAction(actor, applicationId, 'withdraw', async () => ({
		note: parseInput(z.object({ reason: reasonSchema }), { reason }).reason
	}));
}
