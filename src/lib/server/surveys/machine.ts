/**
 * A survey's life cycle as data (kernel/machine.ts): staff with the survey permission build a
 * draft from a template; sending freezes it and starts the durable sending job ('sending'); when
 * every personal link is out it is open for answers; it closes by hand or at its closing time;
 * the general manager (a manager) approves its report on the record (rule 7). Reminders to those
 * who have not answered go out while it is open, by job and by hand, and letters with a QR code are
 * printed per building for those who could not be emailed.
 */
import { defineMachine } from '../kernel/machine.ts';
import { surveyState } from '../db/schema/index.ts';

export const surveyStates = surveyState.enumValues;
export type SurveyState = (typeof surveyStates)[number];

/** editor: staff with surveys.manage in the survey's estates; approver: a manager; system: the jobs. */
export type SurveyCapacity = 'editor' | 'approver' | 'system';

export const surveyMachine = defineMachine<SurveyState, SurveyCapacity, SurveyAction>(surveyStates, {
	edit: { from: ['draft'], to: 'same', by: ['editor'], needs: ['definition', 'audience', 'window'] },
	send: { from: ['draft'], to: 'sending', by: ['editor'], needs: ['a complete definition', 'an audience with recipients'] },
	sent: { from: ['sending'], to: 'open', by: ['system'], needs: ['every link out'] },
	remind: { from: ['open'], to: 'same', by: ['editor', 'system'] },
	print_letters: { from: ['open'], to: 'same', by: ['editor'], needs: ['a building'] },
	close: { from: ['open'], to: 'closed', by: ['editor', 'system'] },
	approve_report: { from: ['closed'], to: 'same', by: ['approver'], needs: ['the report'] },
	discard: { from: ['draft'], to: 'same', by: ['editor'] }
});

export type SurveyAction = 'edit' | 'send' | 'sent' | 'remind' | 'print_letters' | 'close' | 'approve_report' | 'discard';
