// What a task page of a repair (sign-off, comment) shows around its form: the case it belongs to,
// read through the same scoped repairDetail as the case page, and whether the machine still
// offers the task (another tab may have done it; then the page says so instead of the form).
import { getLocale } from '#lib/paraglide/runtime.js';
import type { Actor } from '#lib/server/auth/actor.ts';
import { requireResident } from '#lib/server/auth/guards.ts';
import { repairKindName } from '#lib/server/dictionaries/repair-kinds.ts';
import { repairDetail } from '#lib/server/repairs/queries.ts';

export async function repairTask(actor: Actor | null, repairId: string, action: 'sign_off' | 'comment') {
	requireResident(actor);
	const detail = await repairDetail(actor, repairId);
	return {
		repair: {
			id: detail.order.id,
			reference: detail.order.reference,
			kindName: repairKindName(detail.kind, getLocale()),
			workSummary: detail.order.workSummary
		},
		open: detail.actions.includes(action)
	};
}
