import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireSignedIn } from '#lib/server/auth/guards.ts';
import { renovationPage } from '#lib/server/renovations/queries.ts';
import { saveApplication, submitApplication, withdrawApplication } from '#lib/server/renovations/applications.ts';
import { renovationFormSchema } from '#lib/schemas/renovations.ts';
import { checkFields, inputErrorFields } from '#lib/server/forms/field-errors.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { billReference, renovationReference } from '#lib/references.ts';
import { money } from '#lib/money/format.ts';
import { answerComment, resubmit } from '#lib/server/renovations/review.ts';
import { inviteContractor } from '#lib/server/renovations/contractor.ts';
import { signCommitments } from '#lib/server/renovations/signatures.ts';
import { reportRectified, requestCompletion, requestHiddenInspection } from '#lib/server/renovations/works.ts';

/** A step of the works taken from this page: done, back to the page (PRG); refused, the form shows what was typed and why. */
async function worksStep(
	form: 'sign' | 'hidden' | 'completion' | 'rectified',
	id: string,
	values: Record<string, string>,
	run: () => Promise<void>
) {
	try {
		await run();
	} catch (err) {
		return fail(400, { form, values, errors: inputErrorFields(err) });
	}
	redirect(303, `/app/renovations/${id}?done=${form}`);
}

const textFields = [
	'plannedStart',
	'plannedEnd',
	'scope',
	'areaM2',
	'contractorCompany',
	'contractorLicence',
	'contractorGrade',
	'contractorEmail',
	'contractorPhone'
] as const;

export const load = (async ({ locals, params }) => {
	requireSignedIn(locals.actor);
	const page = await renovationPage(locals.actor, params.id);
	const a = page.application;
	return {
		id: a.id,
		reference: renovationReference(a.seq),
		state: a.state,
		revision: a.drawingRevision,
		unitNumber: page.unitNumber,
		holders: page.holders,
		contractorName: page.contractorName,
		checklist: page.checklist,
		documents: page.documents,
		comments: page.comments,
		timeline: page.timeline,
		fees: page.fees.map((b) => ({
			id: b.id,
			reference: billReference(b.seq),
			source: b.source,
			state: b.state,
			amount: money(b.totalMinor, b.currency)
		})),
		timeZone: page.timeZone,
		site: page.site,
		due: page.due,
		signer: page.signer,
		actions: page.actions,
		values: {
			plannedStart: a.plannedStart ?? '',
			plannedEnd: a.plannedEnd ?? '',
			scope: a.scope,
			areaM2: a.areaM2 ?? '',
			works: a.works as string[],
			contractorCompany: a.contractorCompany,
			contractorLicence: a.contractorLicence,
			contractorGrade: a.contractorGrade === null ? '' : String(a.contractorGrade),
			contractorEmail: a.contractorEmail,
			contractorPhone: a.contractorPhone
		}
	};
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ request, locals, params }) => {
		requireSignedIn(locals.actor);
		const body = await request.formData();
		const values = {
			...(Object.fromEntries(textFields.map((f) => [f, formText(body, f)])) as Record<(typeof textFields)[number], string>),
			works: body.getAll('works').filter((w) => typeof w === 'string')
		};
		const checked = checkFields(renovationFormSchema, values);
		if (!checked.ok) return fail(400, { form: 'save' as const, values, errors: checked.errors });
		try {
			await saveApplication(locals.actor, params.id, values);
		} catch (err) {
			return fail(400, { form: 'save' as const, values, errors: inputErrorFields(err) });
		}
		return { form: 'save' as const, saved: true };
	},
	invite: async ({ locals, params }) => {
		requireSignedIn(locals.actor);
		try {
			const sent = await inviteContractor(locals.actor, params.id);
			return { form: 'invite' as const, sent: { email: sent.email, code: sent.code, days: sent.days } };
		} catch (err) {
			return fail(400, { form: 'invite' as const, errors: inputErrorFields(err) });
		}
	},
	answer: async ({ request, locals, params }) => {
		requireSignedIn(locals.actor);
		const body = await request.formData();
		const commentId = formText(body, 'commentId');
		try {
			await answerComment(locals.actor, params.id, commentId, formText(body, 'answer'));
		} catch (err) {
			return fail(400, { form: 'answer' as const, commentId, answer: formText(body, 'answer'), errors: inputErrorFields(err) });
		}
		redirect(303, `/app/renovations/${params.id}#comments-heading`);
	},
	resubmit: async ({ locals, params }) => {
		requireSignedIn(locals.actor);
		try {
			await resubmit(locals.actor, params.id);
		} catch (err) {
			return fail(400, { form: 'resubmit' as const, errors: inputErrorFields(err) });
		}
		redirect(303, `/app/renovations/${params.id}?done=resubmit`);
	},
	withdraw: async ({ request, locals, params }) => {
		requireSignedIn(locals.actor);
		const body = await request.formData();
		try {
			await withdrawApplication(locals.actor, params.id, formText(body, 'reason'));
		} catch (err) {
			return fail(400, { form: 'withdraw' as const, errors: inputErrorFields(err) });
		}
		redirect(303, `/app/renovations/${params.id}`);
	},
	sign: async ({ request, locals, params }) => {
		requireSignedIn(locals.actor);
		const body = await request.formData();
		const values = { name: formText(body, 'name') };
		return worksStep('sign', params.id, values, () =>
			signCommitments(locals.actor!, params.id, {
				...values,
				renovationCommitment: formText(body, 'renovationCommitment') || undefined,
				fireSafetyCommitment: formText(body, 'fireSafetyCommitment') || undefined
			})
		);
	},
	hidden: async ({ request, locals, params }) => {
		requireSignedIn(locals.actor);
		const body = await request.formData();
		const values = { what: formText(body, 'what'), on: formText(body, 'on') };
		return worksStep('hidden', params.id, values, () => requestHiddenInspection(locals.actor!, params.id, values));
	},
	completion: async ({ locals, params }) => {
		requireSignedIn(locals.actor);
		return worksStep('completion', params.id, {}, () => requestCompletion(locals.actor!, params.id));
	},
	rectified: async ({ request, locals, params }) => {
		requireSignedIn(locals.actor);
		const body = await request.formData();
		const values = { done: formText(body, 'done') };
		return worksStep('rectified', params.id, values, () => reportRectified(locals.actor!, params.id, values.done));
	},
	submit: async ({ locals, params }) => {
		requireSignedIn(locals.actor);
		try {
			await submitApplication(locals.actor, params.id);
		} catch (err) {
			return fail(400, { form: 'submit' as const, errors: inputErrorFields(err) });
		}
		redirect(303, `/app/renovations/${params.id}?done=submit`);
	}
} satisfies Actions;
