import type { Actions, PageServerLoad } from './$types';
import { photoFieldText } from '#lib/components/repairs/texts.ts';
import { commentSchema } from '#lib/schemas/repairs.ts';
import { readUploadForm } from '#lib/server/forms/upload-form.ts';
import { commentOnRepair } from '#lib/server/repairs/resident.ts';
import { postedFiles } from '#lib/server/forms/upload-form.ts';
import { act } from '../case-action.ts';
import { repairTask } from '../task.ts';

export const load = (async ({ locals, params }) => ({
	...(await repairTask(locals.actor, params.id, 'comment')),
	text: { photoField: photoFieldText() }
})) satisfies PageServerLoad;

export const actions = {
	default: (event) =>
		act(
			event,
			'comment',
			commentSchema,
			(actor, id, data, body) => commentOnRepair(actor, id, data, postedFiles(body)),
			(request) => readUploadForm(request)
		)
} satisfies Actions;
