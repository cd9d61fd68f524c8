import type { Actions, PageServerLoad } from './$types';
import { signOffSchema } from '#lib/schemas/repairs.ts';
import { signOffRepair } from '#lib/server/repairs/resident.ts';
import { act } from '../case-action.ts';
import { repairTask } from '../task.ts';

export const load = (({ locals, params }) => repairTask(locals.actor, params.id, 'sign_off')) satisfies PageServerLoad;

export const actions = {
	default: (event) => act(event, 'signOff', signOffSchema, (actor, id, data) => signOffRepair(actor, id, data))
} satisfies Actions;
