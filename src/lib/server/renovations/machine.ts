/**
 * The renovation application's life cycle as data (二次裝修, rule 5 a–i of the domain): every
 * step from the application to the deposit refund — the state an action may be taken in, the
 * state it leads to ('same' keeps it: the event still records what happened), who may take it,
 * and what must be true first. Services take an action in one transaction with its event; the
 * progress page and the staff boards ask this table which step it is, who has it and what is
 * missing. Nothing else decides whether an action is open.
 */
import { defineMachine } from '../kernel/machine.ts';
import { renovationState } from '../db/schema/renovations.ts';

/**
 * The steps (schema/renovations.ts renovation_state):
 * - draft: The applicant (and the invited contractor) fill in the form and upload the papers.
 * - submitted: Submitted with every paper: customer service registers it (a).
 * - engineering_review: Engineering reviews the latest revision's drawings against fire and structure rules (c).
 * - revising: Returned with comments: the applicant or contractor answers them and uploads a new revision (c).
 * - fire_review: Security's fire-safety review; over 200 m² also the city fire authority's receipt (d).
 * - fees: Renovation fees issued as bills; insurance to record (e).
 * - commitments: The resident and the contractor sign the renovation and fire-safety commitments (e).
 * - permit_signing: Customer service, engineering and security each sign; the last signature issues the permit (f).
 * - in_works: Works under a valid permit: daily inspections, violations, passes, hidden-works checks (f–h).
 * - suspended: The permit is revoked: works stop until a manager reinstates it (a new permit).
 * - completion: Completion inspection with all parties (h).
 * - rectifying: Defects found at completion: the contractor rectifies, then asks for re-inspection (h).
 * - acceptance: Inspected: the property manager signs the acceptance, which requests the deposit refund (i).
 * - closed: Accepted; the deposit refund (minus fines and damages) runs in the refunds flow.
 * - rejected
 * - withdrawn
 */
export const renovationStates = renovationState.enumValues;
export type RenovationState = (typeof renovationStates)[number];

/**
 * In what capacity someone acts on one application: the resident party it belongs to (a person,
 * or a member of the company, holding the unit today), the contractor invited onto it, the three
 * departments of the unit's estate, the property manager, and the system (payments and the
 * permit issued on the last signature).
 */
export type RenovationCapacity = 'applicant' | 'contractor' | 'desk' | 'engineering' | 'security' | 'manager' | 'system';

/** States in which the application is still being decided, before any permit: the steps up to the works. */
const beforePermit: readonly RenovationState[] = renovationStates.slice(0, renovationStates.indexOf('in_works'));
const departments = ['desk', 'engineering', 'security'] as const;
const applicantSide = ['applicant', 'contractor'] as const;

export const renovationMachine = defineMachine(renovationStates, {
	// a. The application: the form, the contractor, the papers.
	edit: { from: ['draft', 'revising'], to: 'same', by: applicantSide, needs: ['form'] },
	invite_contractor: { from: ['draft', 'revising'], to: 'same', by: ['applicant'], needs: ['email'] },
	upload: { from: ['draft', 'revising', 'fire_review', 'fees'], to: 'same', by: applicantSide, needs: ['file'] },
	submit: { from: ['draft'], to: 'submitted', by: applicantSide, needs: ['checklist'] },
	// b. Customer service registers it and passes the drawings to engineering — or sends it back.
	register: { from: ['submitted'], to: 'engineering_review', by: ['desk'] },
	return_papers: { from: ['submitted'], to: 'draft', by: ['desk'], needs: ['reason'] },
	// c. The drawing review: codes per sheet, comments pinned on sheets, revisions.
	code_sheet: { from: ['engineering_review'], to: 'same', by: ['engineering'], needs: ['sheet', 'code'] },
	pin_comment: {
		from: ['engineering_review', 'fire_review'],
		to: 'same',
		by: ['engineering', 'security'],
		needs: ['sheet', 'spot', 'text']
	},
	close_comment: { from: ['engineering_review', 'fire_review'], to: 'same', by: ['engineering', 'security'], needs: ['answered comment'] },
	request_revision: { from: ['engineering_review'], to: 'revising', by: ['engineering'], needs: ['open comments'] },
	answer_comment: { from: ['revising'], to: 'same', by: applicantSide, needs: ['open comment', 'text'] },
	resubmit: { from: ['revising'], to: 'engineering_review', by: applicantSide, needs: ['new revision', 'comments answered'] },
	approve_drawings: { from: ['engineering_review'], to: 'fire_review', by: ['engineering'], needs: ['every sheet approved'] },
	// d. Security's fire-safety review.
	approve_fire_safety: { from: ['fire_review'], to: 'fees', by: ['security'], needs: ['fire authority receipt over 200 m²'] },
	/** Security's own comments go back to the applicant like engineering's; the resubmission is reviewed again from the drawings. */
	return_fire_safety: { from: ['fire_review'], to: 'revising', by: ['security'], needs: ['open comments'] },
	reject_drawings: { from: ['engineering_review'], to: 'rejected', by: ['engineering'], needs: ['reason'] },
	reject_fire_safety: { from: ['fire_review'], to: 'rejected', by: ['security'], needs: ['reason'] },
	// e. Fees (issued as bills on approval), insurance, then the two commitments.
	record_insurance: { from: ['fees'], to: 'same', by: [...applicantSide, 'desk'], needs: ['insurer', 'policy'] },
	fees_settled: { from: ['fees'], to: 'commitments', by: ['system', 'desk'], needs: ['fees paid', 'insurance'] },
	sign_commitments: { from: ['commitments'], to: 'same', by: applicantSide, needs: ['signature'] },
	commitments_signed: { from: ['commitments'], to: 'permit_signing', by: ['system'], needs: ['both parties signed'] },
	// f. Three signatures, then the construction permit; passes and hot-work permits against it.
	sign_permit: { from: ['permit_signing'], to: 'same', by: departments, needs: ['signature'] },
	issue_permit: { from: ['permit_signing'], to: 'in_works', by: ['system'], needs: ['three departments signed'] },
	issue_worker_pass: { from: ['in_works'], to: 'same', by: ['desk', 'security'], needs: ['name', 'photo', 'id last 4'] },
	issue_hot_work_permit: { from: ['in_works'], to: 'same', by: ['security'], needs: ['date', 'location', 'fire watch'] },
	// g. Daily inspections by each department; violations, which may be fined (a bill).
	inspect: { from: ['in_works'], to: 'same', by: departments, needs: ['findings'] },
	record_violation: { from: ['in_works', 'suspended'], to: 'same', by: departments, needs: ['what', 'fine or none'] },
	revoke_permit: { from: ['in_works'], to: 'suspended', by: ['security', 'manager'], needs: ['reason'] },
	reinstate_permit: { from: ['suspended'], to: 'in_works', by: ['manager'], needs: ['reason'] },
	// h. Hidden works on request; completion with all parties; defects, rectification, re-inspection.
	request_hidden_inspection: { from: ['in_works'], to: 'same', by: applicantSide, needs: ['what', 'when'] },
	inspect_hidden_works: { from: ['in_works'], to: 'same', by: ['engineering'], needs: ['result'] },
	request_completion: { from: ['in_works'], to: 'completion', by: applicantSide },
	record_defects: { from: ['completion'], to: 'rectifying', by: departments, needs: ['defects'] },
	rectified: { from: ['rectifying'], to: 'completion', by: applicantSide, needs: ['what was done'] },
	pass_completion: { from: ['completion'], to: 'acceptance', by: ['engineering'], needs: ['all parties present', 'no open defects'] },
	// i. The manager's acceptance requests the deposit refund minus fines and damages.
	accept: { from: ['acceptance'], to: 'closed', by: ['manager'], needs: ['damages to common property (may be none)'] },
	withdraw: { from: beforePermit, to: 'withdrawn', by: ['applicant'], needs: ['reason'] },
	comment: {
		from: [...beforePermit, 'in_works', 'suspended', 'completion', 'rectifying', 'acceptance'],
		to: 'same',
		by: [...applicantSide, ...departments, 'manager'],
		needs: ['text']
	}
});

export type RenovationAction = (typeof renovationMachine.actions)[number];

/** States with nothing left to do on the application itself. */
export const finishedRenovationStates: readonly RenovationState[] = ['closed', 'rejected', 'withdrawn'];

/**
 * Who has the application at each step: whose move the progress page and the staff boards wait
 * for. Where the system moves it on (paid bills, the last signature), the people it waits for.
 * The unit test checks that each holder has an action of its own open in that step.
 */
export const stepHolders: Readonly<Record<RenovationState, readonly RenovationCapacity[]>> = {
	draft: ['applicant', 'contractor'],
	submitted: ['desk'],
	engineering_review: ['engineering'],
	revising: ['applicant', 'contractor'],
	fire_review: ['security'],
	fees: ['applicant', 'contractor'],
	commitments: ['applicant', 'contractor'],
	permit_signing: ['desk', 'engineering', 'security'],
	in_works: ['contractor'],
	suspended: ['manager'],
	completion: ['engineering'],
	rectifying: ['contractor'],
	acceptance: ['manager'],
	closed: [],
	rejected: [],
	withdrawn: []
};

/** Actions anyone may take in most steps: they never make a step someone's. */
export const sideActions: readonly RenovationAction[] = ['comment', 'withdraw', 'edit', 'upload', 'invite_contractor'];
