import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { recordStep } from '#lib/server/forms/record-step.ts';
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
import { postedFiles, readUploadForm } from '#lib/server/forms/upload-form.ts';
import { signPermit } from '#lib/server/renovations/signatures.ts';
import { reinstatePermit, revokePermit } from '#lib/server/renovations/permits.ts';
import { inspectHiddenWorks, logInspection, passCompletion, recordDefects, recordViolation } from '#lib/server/renovations/works.ts';
import { acceptWorks } from '#lib/server/renovations/acceptance.ts';
import { issueHotWorkPermit, issueWorkerPass } from '#lib/server/renovations/passes.ts';
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
		site: page.site,
		due: page.due,
		departments: page.departments,
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

/** One step of the application, from this page (forms/record-step.ts). */
const step = (name: string, run: Parameters<typeof recordStep>[2], read?: Parameters<typeof recordStep>[3]) =>
	recordStep((id) => `/staff/renovations/${id}`, name, run, read);

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
	closeComment: step('closeComment', (actor, id, body) => closeComment(actor, id, formText(body, 'commentId'))),
	signPermit: step('signPermit', (actor, id, body) => signPermit(actor, id, formText(body, 'department'))),
	revoke: step('revoke', (actor, id, body) => revokePermit(actor, id, formText(body, 'reason'))),
	reinstate: step('reinstate', (actor, id, body) => reinstatePermit(actor, id, formText(body, 'reason'))),
	inspect: step(
		'inspect',
		(actor, id, body) => logInspection(actor, id, fields(body, 'department', 'outcome', 'findings'), postedFiles(body, 'photos')),
		(request) => readUploadForm(request)
	),
	pass: step(
		'pass',
		(actor, id, body) => issueWorkerPass(actor, id, fields(body, 'name', 'idLast4'), postedFiles(body, 'photo')),
		(request) => readUploadForm(request)
	),
	hotWork: step('hotWork', (actor, id, body) => issueHotWorkPermit(actor, id, fields(body, 'workDate', 'location', 'fireWatch'))),
	violation: step('violation', (actor, id, body) => recordViolation(actor, id, fields(body, 'department', 'description', 'fine'))),
	hiddenResult: step('hiddenResult', (actor, id, body) => inspectHiddenWorks(actor, id, fields(body, 'outcome', 'findings'))),
	defects: step('defects', (actor, id, body) => recordDefects(actor, id, fields(body, 'department', 'defects'))),
	passCompletion: step('passCompletion', (actor, id, body) => passCompletion(actor, id, optional(fields(body, 'present', 'findings')))),
	accept: step('accept', (actor, id, body) => acceptWorks(actor, id, fields(body, 'damageReason', 'damage')))
} satisfies Actions;

/** The named text fields of a posted form. */
function fields<K extends string>(body: FormData, ...names: K[]): Record<K, string> {
	return Object.fromEntries(names.map((name) => [name, formText(body, name)])) as Record<K, string>;
}

/** An unticked box is absent, not empty: what the services' checks expect. */
function optional(values: Record<string, string>): Record<string, string | undefined> {
	return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value === '' ? undefined : value]));
}
