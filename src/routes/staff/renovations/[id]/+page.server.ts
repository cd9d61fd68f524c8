import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import type { Actor } from '#lib/server/auth/actor.ts';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { staffRenovationPage } from '#lib/server/renovations/review-queries.ts';
import {
	approveDrawings,
	approveFireSafety,
	closeComment,
	registerApplication,
	rejectApplication,
	requestRevision,
	returnPapers
} from '#lib/server/renovations/review.ts';
import { billReference, renovationReference } from '#lib/references.ts';
import { money } from '#lib/money/format.ts';

export const load = (async ({ locals, params }) => {
	requireSignedIn(locals.actor);
	const page = await staffRenovationPage(locals.actor, params.id);
	const a = page.application;
	return {
		id: a.id,
		reference: renovationReference(a.seq),
		state: a.state,
		revision: a.drawingRevision,
		facts: {
			plannedStart: a.plannedStart,
			plannedEnd: a.plannedEnd,
			scope: a.scope,
			areaM2: a.areaM2,
			works: a.works as string[],
			contractorCompany: a.contractorCompany,
			contractorLicence: a.contractorLicence,
			contractorGrade: a.contractorGrade
		},
		people: page.people,
		holders: page.holders,
		actions: page.actions,
		documents: page.documents,
		comments: page.comments,
		fees: page.fees.map((b) => ({
			id: b.id,
			reference: billReference(b.seq),
			source: b.source,
			state: b.state,
			amount: money(b.totalMinor, b.currency)
		})),
		timeline: page.timeline.map((e) => ({ id: e.id, at: e.at, kind: e.kind, who: e.actorName, note: e.note }))
	};
}) satisfies PageServerLoad;

/** One review step: run it, then show the page again (PRG), or the step's message above the forms. */
function step(name: string, run: (actor: Actor, id: string, body: FormData) => Promise<unknown>) {
	return async ({ request, locals, params }: RequestEvent<{ id: string }>) => {
		requireSignedIn(locals.actor);
		const body = await request.formData();
		try {
			await run(locals.actor, params.id, body);
		} catch (err) {
			return fail(400, { step: name, errors: inputErrorFields(err) });
		}
		redirect(303, `/staff/renovations/${params.id}?done=${name}`);
	};
}

export const actions = {
	register: step('register', (actor, id) => registerApplication(actor, id)),
	returnPapers: step('returnPapers', (actor, id, body) => returnPapers(actor, id, formText(body, 'reason'))),
	requestRevision: step('requestRevision', (actor, id, body) =>
		requestRevision(actor, id, formText(body, 'as') === 'return_fire_safety' ? 'return_fire_safety' : 'request_revision')
	),
	approveDrawings: step('approveDrawings', (actor, id) => approveDrawings(actor, id)),
	approveFireSafety: step('approveFireSafety', (actor, id) => approveFireSafety(actor, id)),
	reject: step('reject', (actor, id, body) =>
		rejectApplication(
			actor,
			id,
			formText(body, 'as') === 'reject_fire_safety' ? 'reject_fire_safety' : 'reject_drawings',
			formText(body, 'reason')
		)
	),
	closeComment: step('closeComment', (actor, id, body) => closeComment(actor, id, formText(body, 'commentId')))
} satisfies Actions;
