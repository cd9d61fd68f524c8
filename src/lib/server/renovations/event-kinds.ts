/**
 * What a renovation application's timeline may say, and who reads each entry: the applicant side
 * and staff ('all'), or staff only. The events are the machine's actions, plus the application
 * being started and the invited contractor joining; each action records the event of its own name.
 */
import type { Audience } from '../events/kinds.ts';
import type { RenovationAction } from './machine.ts';

export const renovationEventKinds = {
	started: 'all',
	contractor_joined: 'all',
	edit: 'all',
	invite_contractor: 'all',
	upload: 'all',
	submit: 'all',
	register: 'all',
	return_papers: 'all',
	code_sheet: 'all',
	pin_comment: 'all',
	close_comment: 'all',
	request_revision: 'all',
	answer_comment: 'all',
	resubmit: 'all',
	approve_drawings: 'all',
	approve_fire_safety: 'all',
	return_fire_safety: 'all',
	reject_drawings: 'all',
	reject_fire_safety: 'all',
	record_insurance: 'all',
	fees_settled: 'all',
	sign_commitments: 'all',
	commitments_signed: 'all',
	sign_permit: 'all',
	issue_permit: 'all',
	issue_worker_pass: 'all',
	issue_hot_work_permit: 'all',
	inspect: 'all',
	record_violation: 'all',
	revoke_permit: 'all',
	reinstate_permit: 'all',
	request_hidden_inspection: 'all',
	inspect_hidden_works: 'all',
	request_completion: 'all',
	record_defects: 'all',
	rectified: 'all',
	pass_completion: 'all',
	accept: 'all',
	withdraw: 'all',
	comment: 'all'
} as const satisfies Record<RenovationAction | 'started' | 'contractor_joined', Audience>;

export type RenovationEventKind = keyof typeof renovationEventKinds;

declare module '../events/kinds.ts' {
	interface EventKinds {
		renovation: RenovationEventKind;
	}
}
