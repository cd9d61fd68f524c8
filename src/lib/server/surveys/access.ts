/**
 * Which surveys a staff member manages: those whose audience lies within the estates they work in
 * (an admin's: every survey). A survey outside them does not exist for them (404), as for any
 * record of another estate.
 */
import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Actor } from '../auth/actor.ts';
import { db, type Executor } from '../db/client.ts';
import { surveys, type SurveyAudience } from '../db/schema/index.ts';
import { isUuid } from '../kernel/ids.ts';

export type Survey = typeof surveys.$inferSelect;

/** Staff manage a survey whose audience is within their estates (an admin's: any). */
export function mayManage(actor: Actor, audience: SurveyAudience): boolean {
	if (actor.estateIds === null) return true;
	return audience.estateIds.length > 0 && audience.estateIds.every((id) => actor.estateIds!.includes(id));
}

/** The survey if the actor manages it (404 otherwise); `forUpdate` locks it for a change in `executor`'s transaction. */
export async function loadSurvey(actor: Actor, surveyId: string, { forUpdate = false } = {}, executor: Executor = db()): Promise<Survey> {
	if (!isUuid(surveyId)) error(404, 'Not found');
	const query = executor.select().from(surveys).where(eq(surveys.id, surveyId));
	const [survey] = forUpdate ? await query.for('update') : await query;
	if (!survey || !mayManage(actor, survey.audience)) error(404, 'Not found');
	return survey;
}

/** The survey locked for a change in this transaction (404 outside the actor's estates). */
export function lockSurvey(tx: Executor, actor: Actor, surveyId: string): Promise<Survey> {
	return loadSurvey(actor, surveyId, { forUpdate: true }, tx);
}
