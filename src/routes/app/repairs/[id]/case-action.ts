// The one shape of a resident's action on a repair, shared by the case page and its task pages
// (sign-off, comment): validate its own form, call one service, and go back to the case page
// (303) with a confirmation. An InputError becomes a message at its field — field '' (the order
// moved on) above the form — and nothing is changed. Only the comment page takes files; it reads
// its body with the streaming upload reader (boot/upload-routes.ts), the others as a plain form.
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { superValidate, withFiles, type SuperValidated } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { z } from 'zod';
import type { Actor } from '#lib/server/auth/actor.ts';
import { requireResident } from '#lib/server/auth/guards.ts';
import { showInputError } from '#lib/server/forms/show-input-error.ts';
import { postedFiles } from '#lib/server/forms/upload-form.ts';

type ActionEvent = RequestEvent<{ id: string }>;
export type FormId = 'reschedule' | 'confirmTime' | 'chooseTime' | 'cancel' | 'comment' | 'signOff' | 'reject' | 'rate' | 'quote';

export async function act<S extends z.ZodType<Record<string, unknown>>>(
	event: ActionEvent,
	id: FormId,
	schema: S,
	run: (actor: Actor, repairId: string, data: z.output<S>, body: FormData) => Promise<void>,
	read: (request: Request) => Promise<FormData> = (request) => request.formData()
) {
	requireResident(event.locals.actor);
	let body: FormData;
	try {
		body = await read(event.request);
	} catch {
		error(400, 'Unreadable form');
	}
	// zod4() cannot take a schema that is still generic; the form is that schema's all the same.
	const form = (await superValidate(body, zod4(schema as never), { id })) as SuperValidated<z.output<S>>;
	const photosPosted = id === 'comment' ? postedFiles(body).length : 0;
	if (!form.valid) return fail(400, withFiles({ form, photosPosted }));
	try {
		await run(event.locals.actor, event.params.id, form.data, body);
	} catch (err) {
		showInputError(form, err);
		return fail(400, withFiles({ form, photosPosted }));
	}
	redirect(303, `/app/repairs/${event.params.id}?done=${id}`);
}
