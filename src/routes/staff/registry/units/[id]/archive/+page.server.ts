import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getLocale } from '#lib/paraglide/runtime.js';
import { db } from '#lib/server/db/client.ts';
import { archiveAccess } from '#lib/server/archive/access.ts';
import { openUnitFile } from '#lib/server/archive/open.ts';
import { correctInOpenFile } from '#lib/server/archive/corrections.ts';
import { can } from '#lib/server/auth/guards.ts';
import { formText } from '#lib/server/forms/form-text.ts';
import { InputError } from '#lib/server/kernel/input-error.ts';

/** Reading the file is an action (it is logged): the load only says who the unit is and how the reader may open it. */
export const load = (async ({ locals, params, url }) => {
	const { unit, access } = await archiveAccess(db(), locals.actor!, params.id);
	return {
		unit: {
			id: unit.id,
			label: `${unit.estateCode} ${unit.buildingName} ${unit.number}`,
			estateName: unit.estateName,
			timeZone: unit.timeZone
		},
		access,
		/** Whether the reader may correct entries (a form per entry once the file is open). */
		mayCorrect: can(locals.actor, 'archive.correct'),
		/** The answer of asking for access (the form posts to the requests page, which sends the reader back here). */
		asked:
			url.searchParams.get('ask') === 'sent' ? ('sent' as const) : url.searchParams.get('ask') === 'reason' ? ('reason' as const) : null
	};
}) satisfies PageServerLoad;

const refusal = (err: unknown, reason: string) => {
	if (!(err instanceof InputError)) throw err;
	return fail(400, { reason, error: err.message });
};

export const actions = {
	open: async ({ locals, params, request }) => {
		const reason = formText(await request.formData(), 'reason');
		try {
			const file = await openUnitFile(locals.actor!, params.id, { reason, locale: getLocale() });
			return {
				action: 'open' as const,
				reason,
				file: { heading: file.heading, parts: file.parts, sources: file.sources, today: file.today }
			};
		} catch (err) {
			return refusal(err, reason);
		}
	},
	/** A correction of one entry; the file is shown again with it (or with the field that refused it). */
	correct: async ({ locals, params, request }) => {
		const body = await request.formData();
		const reason = formText(body, 'readReason');
		const input = { entryId: formText(body, 'entryId'), reason: formText(body, 'reason'), text: formText(body, 'text') };
		try {
			const outcome = await correctInOpenFile(locals.actor!, params.id, input, { reason, locale: getLocale() });
			const file = outcome.file;
			const answer = {
				action: 'correct' as const,
				reason,
				file: { heading: file.heading, parts: file.parts, sources: file.sources, today: file.today },
				corrected: outcome.corrected,
				problem: outcome.problem ? { ...outcome.problem, values: { reason: input.reason, text: input.text } } : null
			};
			return outcome.problem ? fail(400, answer) : answer;
		} catch (err) {
			return refusal(err, reason);
		}
	}
} satisfies Actions;
