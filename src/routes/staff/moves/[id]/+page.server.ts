import type { Actions, PageServerLoad } from './$types';
import { moveDetail } from '#lib/server/moves/queries.ts';
import { completeMove, inspectMove } from '#lib/server/moves/service.ts';
import { recordStep } from '#lib/server/forms/record-step.ts';
import { listRepairKinds, repairKindName } from '#lib/server/dictionaries/repair-kinds.ts';
import {
	cancelMove,
	checkMoveInIdentity,
	confirmInspectionReadings,
	issueMoveInKey,
	recordInspectionReadings,
	recordMoveInPapers,
	reportMoveInDefect,
	uploadMoveDocument
} from '#lib/server/moves/move-in.ts';
import { addMoveInContact, removeMoveInContact } from '#lib/server/moves/contacts.ts';
import {
	leaveForwardingAddress,
	priceMoveOutDamage,
	returnMoveOutKey,
	settleMoveOut,
	waiveMoveOutArrears
} from '#lib/server/moves/move-out.ts';

export const load = (async ({ locals, params, url }) => {
	const detail = await moveDetail(locals.actor, params.id);
	const kinds = detail.actions.includes('report_defect') ? await listRepairKinds(undefined, { activeOnly: true }) : [];
	const locale = locals.actor?.locale ?? 'en';
	return {
		...detail,
		repairKinds: kinds.map((k) => ({ id: k.id, name: repairKindName(k, locale) })),
		done: url.searchParams.get('done')
	};
}) satisfies PageServerLoad;

const page = (id: string) => `/staff/moves/${id}`;
const fields = (body: FormData) => Object.fromEntries(body.entries());

export const actions = {
	check_identity: recordStep(page, 'check_identity', (actor, id, body) => checkMoveInIdentity(actor, id, fields(body))),
	record_papers: recordStep(page, 'record_papers', (actor, id, body) => recordMoveInPapers(actor, id, fields(body))),
	add_contact: recordStep(page, 'add_contact', (actor, id, body) => addMoveInContact(actor, id, fields(body))),
	remove_contact: recordStep(page, 'remove_contact', (actor, id, body) => removeMoveInContact(actor, id, fields(body))),
	upload: recordStep(page, 'upload', (actor, id, body) => uploadMoveDocument(actor, id, body.get('kind'), body.get('file'))),
	record_readings: recordStep(page, 'record_readings', (actor, id, body) => recordInspectionReadings(actor, id, fields(body))),
	confirm_reading: recordStep(page, 'confirm_reading', (actor, id) => confirmInspectionReadings(actor, id)),
	issue_key: recordStep(page, 'issue_key', (actor, id, body) => issueMoveInKey(actor, id, fields(body))),
	report_defect: recordStep(page, 'report_defect', (actor, id, body) => reportMoveInDefect(actor, id, fields(body))),
	inspect: recordStep(page, 'inspect', (actor, id, body) => inspectMove(actor, id, fields(body))),
	complete: recordStep(page, 'complete', (actor, id) => completeMove(actor, id)),
	cancel: recordStep(page, 'cancel', (actor, id, body) => cancelMove(actor, id, fields(body))),
	return_key: recordStep(page, 'return_key', (actor, id, body) => returnMoveOutKey(actor, id, fields(body))),
	price_damage: recordStep(page, 'price_damage', (actor, id, body) => priceMoveOutDamage(actor, id, fields(body))),
	forwarding: recordStep(page, 'forwarding', (actor, id, body) => leaveForwardingAddress(actor, id, fields(body))),
	settle: recordStep(page, 'settle', (actor, id) => settleMoveOut(actor, id)),
	waive: recordStep(page, 'waive', (actor, id, body) => waiveMoveOutArrears(actor, id, fields(body)))
} satisfies Actions;
