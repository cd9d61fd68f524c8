import type { Actions, PageServerLoad } from './$types';
import { requireStaff } from '#lib/server/auth/guards.ts';
import { outboxMessageHeader, readOutboxMessage } from '#lib/server/staff-admin/outbox.ts';

// The body (sign-in and reset links) is shown only on an explicit "read" post, which the audit log
// records; the page load writes nothing, so hovering the link in the list records nobody.
export const load = (async ({ locals, params }) => {
	requireStaff(locals.actor, 'outbox.read');
	return { message: await outboxMessageHeader(locals.actor, params.id) };
}) satisfies PageServerLoad;

export const actions = {
	read: async ({ locals, params, getClientAddress }) => {
		requireStaff(locals.actor, 'outbox.read');
		const message = await readOutboxMessage(locals.actor, params.id, getClientAddress());
		return { body: message.body };
	}
} satisfies Actions;
