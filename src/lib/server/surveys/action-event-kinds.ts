/** What a corrective action's timeline says: its creation and each machine action (staff only). */
import type { Audience } from '../events/kinds.ts';
import type { ActionAction } from './action-machine.ts';

export const surveyActionEventKinds = {
	created: 'staff',
	start: 'staff',
	complete: 'staff',
	reopen: 'staff',
	reassign: 'staff',
	remind: 'staff'
} as const satisfies Record<ActionAction | 'created', Audience>;

export type SurveyActionEventKind = keyof typeof surveyActionEventKinds;

declare module '../events/kinds.ts' {
	interface EventKinds {
		survey_action: SurveyActionEventKind;
	}
}
