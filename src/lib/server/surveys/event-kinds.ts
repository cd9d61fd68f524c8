/**
 * What a survey's timeline says: it being created from a template, and each machine action. Staff
 * read it (a survey has no resident-side timeline); the answers themselves are never events.
 */
import type { Audience } from '../events/kinds.ts';
import type { SurveyAction } from './machine.ts';

export const surveyEventKinds = {
	created: 'staff',
	edit: 'staff',
	send: 'staff',
	sent: 'staff',
	remind: 'staff',
	print_letters: 'staff',
	close: 'staff',
	approve_report: 'staff',
	discard: 'staff'
} as const satisfies Record<SurveyAction | 'created', Audience>;

export type SurveyEventKind = keyof typeof surveyEventKinds;

declare module '../events/kinds.ts' {
	interface EventKinds {
		survey: SurveyEventKind;
	}
}
