/**
 * The callback (回訪) and the rectification notice (整改通知) as data. A callback is done once, by
 * its assignee or the estate's director, who may also give it to someone else while it is open;
 * the resident's own evaluation (by personal link) may come in before or after. A notice is
 * resolved by its technician or a repair lead. Their events go on the repair's timeline.
 */
import { defineMachine } from '../kernel/machine.ts';
import { callbackState, rectificationState } from '../db/schema/index.ts';

export type CallbackState = (typeof callbackState.enumValues)[number];
export type CallbackCapacity = 'assignee' | 'director' | 'link_holder';

export const callbackMachine = defineMachine<CallbackState, CallbackCapacity, 'complete' | 'reassign' | 'evaluate'>(
	callbackState.enumValues,
	{
		complete: { from: ['open'], to: 'done', by: ['assignee', 'director'], needs: ['answers', 'signature or name'] },
		reassign: { from: ['open'], to: 'same', by: ['director'], needs: ['assignee', 'reason'] },
		/** The resident answers the evaluation form once, by the personal link (which expires). */
		evaluate: { from: ['open', 'done'], to: 'same', by: ['link_holder'], needs: ['answers', 'signed name'] }
	}
);

export type RectificationState = (typeof rectificationState.enumValues)[number];
export type RectificationCapacity = 'technician' | 'supervisor';

export const rectificationMachine = defineMachine<RectificationState, RectificationCapacity, 'resolve'>(rectificationState.enumValues, {
	resolve: { from: ['open'], to: 'resolved', by: ['technician', 'supervisor'], needs: ['resolution'] }
});
