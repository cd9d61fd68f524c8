/**
 * The desk's post of a new case (a repair or a complaint taken by phone or at the counter): staff
 * with the intake permission only; the form and its photos, one service call, then on to the new
 * case's page. The route passes the streaming upload reader itself, as every route that reads an
 * upload does, so that boot/upload-routes.ts (and its test) find it there.
 */
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { requireStaff } from '../auth/guards.ts';
import type { Permission } from '../auth/permissions.ts';
import { formAction } from './form-action.ts';
import { postedFiles } from './upload-form.ts';

export function deskIntakeAction<S extends z.ZodType<Record<string, unknown>>>(intake: {
	permission: Permission;
	schema: S;
	read: (request: Request) => Promise<FormData>;
	enter: (actor: Actor, data: z.output<S>, photos: File[]) => Promise<{ id: string }>;
	/** The new case's page. */
	page: (id: string) => string;
}) {
	return (event: { request: Request; locals: App.Locals }) => {
		// Staff first: anyone else is refused before the upload is read.
		requireStaff(event.locals.actor, intake.permission);
		return formAction(event, {
			schema: intake.schema,
			read: intake.read,
			run: (actor, data, body) => intake.enter(actor, data, postedFiles(body)),
			done: (created) => intake.page(created.id)
		});
	};
}
