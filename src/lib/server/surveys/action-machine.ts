/**
 * A corrective action's life cycle as data (kernel/machine.ts, rule 7): an area or question scored
 * below the survey's target gets an action with an owner and a due day; the owner (or whoever
 * manages the survey) starts it and closes it with the evidence of what was done; the survey's
 * managers may reopen it when the evidence does not convince, or hand it to someone else. The
 * reminder job tells the owner, then the estate's managers, when it is due.
 */
import { defineMachine } from '../kernel/machine.ts';
import { surveyActionState } from '../db/schema/index.ts';

export const actionStates = surveyActionState.enumValues;
export type ActionState = (typeof actionStates)[number];

/** owner: the action's owner; editor: staff who manage its survey; system: the reminder job. */
export type ActionCapacity = 'owner' | 'editor' | 'system';

export type ActionAction = 'start' | 'complete' | 'reopen' | 'reassign' | 'remind';

export const actionMachine = defineMachine<ActionState, ActionCapacity, ActionAction>(actionStates, {
	start: { from: ['open'], to: 'in_progress', by: ['owner', 'editor'] },
	complete: { from: ['open', 'in_progress'], to: 'done', by: ['owner', 'editor'], needs: ['evidence'] },
	reopen: { from: ['done'], to: 'in_progress', by: ['editor'], needs: ['a reason'] },
	reassign: { from: ['open', 'in_progress'], to: 'same', by: ['editor'], needs: ['an owner', 'a due day'] },
	remind: { from: ['open', 'in_progress'], to: 'same', by: ['system'] }
});
