import type { Actions, PageServerLoad } from './$types';
import { residentMoveDetail } from '#lib/server/moves/queries.ts';
import { recordStep } from '#lib/server/forms/record-step.ts';
import { cancelMove, confirmInspectionReadings, signMoveInRules, uploadMoveDocument } from '#lib/server/moves/move-in.ts';
import { leaveForwardingAddress } from '#lib/server/moves/move-out.ts';

export const load = (async ({ locals, params, url }) => {
	const detail = await residentMoveDetail(locals.actor, params.id);
	return {
		move: {
			kind: detail.move.kind,
			state: detail.move.state,
			plannedOn: detail.move.plannedOn,
			rulesSignedName: detail.move.rulesSignedName,
			rulesSignedAt: detail.move.rulesSignedAt,
			forwardingAddress: detail.move.forwardingAddress,
			forwardingPhone: detail.move.forwardingPhone
		},
		unitNumber: detail.unitNumber,
		timeZone: detail.timeZone,
		missing: detail.missing,
		readings: detail.readings.map((r) => ({ id: r.id, meter: r.meter, value: r.value, readOn: r.readOn, mine: r.residentBy !== null })),
		documents: detail.documents.map((d) => ({ id: d.id, kind: d.kind })),
		actions: detail.actions,
		done: url.searchParams.get('done')
	};
}) satisfies PageServerLoad;

const page = (id: string) => `/app/moves/${id}`;
const fields = (body: FormData) => Object.fromEntries(body.entries());

export const actions = {
	upload: recordStep(page, 'upload', (actor, id, body) => uploadMoveDocument(actor, id, body.get('kind'), body.get('file'))),
	sign_rules: recordStep(page, 'sign_rules', (actor, id, body) => signMoveInRules(actor, id, fields(body))),
	confirm_reading: recordStep(page, 'confirm_reading', (actor, id) => confirmInspectionReadings(actor, id)),
	forwarding: recordStep(page, 'forwarding', (actor, id, body) => leaveForwardingAddress(actor, id, fields(body))),
	cancel: recordStep(page, 'cancel', (actor, id, body) => cancelMove(actor, id, fields(body)))
} satisfies Actions;
