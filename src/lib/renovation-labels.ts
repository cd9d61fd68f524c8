// What a renovation application's states, works, checklist items and step holders are called, in
// the reader's language (pages call a label as it is; the server passes the recipient's language,
// e.g. for a notification): the one table each, checked complete by the compiler.
import { m } from '#lib/paraglide/messages.js';
import type { Locale } from '#lib/paraglide/runtime.js';
import type { RenovationCapacity, RenovationState } from '#lib/server/renovations/machine.ts';
import type { ChecklistItem } from '#lib/server/renovations/checklist.ts';
import type { SheetReviewCode } from '#lib/server/renovations/review.ts';
import type { RenovationEventKind } from '#lib/server/renovations/event-kinds.ts';
import type { renovationWorks } from '#lib/renovation-works.ts';
import type { RenovationDocumentKind } from '#lib/renovation-documents.ts';
import type { PermitStatus } from '#lib/server/renovations/permits.ts';

/** A message without inputs: in the request's language, or the one given. */
type Label = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

export const stateLabel: Record<RenovationState, Label> = {
	draft: m.renovations_state_draft,
	submitted: m.renovations_state_submitted,
	engineering_review: m.renovations_state_engineering_review,
	revising: m.renovations_state_revising,
	fire_review: m.renovations_state_fire_review,
	fees: m.renovations_state_fees,
	commitments: m.renovations_state_commitments,
	permit_signing: m.renovations_state_permit_signing,
	in_works: m.renovations_state_in_works,
	suspended: m.renovations_state_suspended,
	completion: m.renovations_state_completion,
	rectifying: m.renovations_state_rectifying,
	acceptance: m.renovations_state_acceptance,
	closed: m.renovations_state_closed,
	rejected: m.renovations_state_rejected,
	withdrawn: m.renovations_state_withdrawn
};

export const workLabel: Record<(typeof renovationWorks)[number], Label> = {
	walls: m.renovations_work_walls,
	electrical: m.renovations_work_electrical,
	plumbing: m.renovations_work_plumbing,
	hot_work: m.renovations_work_hot_work,
	facade: m.renovations_work_facade,
	flooring: m.renovations_work_flooring,
	ceiling: m.renovations_work_ceiling,
	hvac: m.renovations_work_hvac,
	fire_systems: m.renovations_work_fire_systems,
	waterproofing: m.renovations_work_waterproofing
};

export const checklistLabel: Record<ChecklistItem, Label> = {
	dates: m.renovations_missing_dates,
	scope: m.renovations_missing_scope,
	area: m.renovations_missing_area,
	works: m.renovations_missing_works,
	contractor: m.renovations_missing_contractor,
	contractor_email: m.renovations_missing_contractor_email,
	contract: m.renovations_missing_contract,
	business_licence: m.renovations_missing_business_licence,
	qualification: m.renovations_missing_qualification,
	materials_list: m.renovations_missing_materials_list,
	material_certificate: m.renovations_missing_material_certificate,
	drawing: m.renovations_missing_drawing,
	fire_authority_receipt: m.renovations_missing_fire_authority_receipt,
	insurance: m.renovations_missing_insurance
};

export const holderLabel: Record<RenovationCapacity, Label> = {
	applicant: m.renovations_holder_applicant,
	contractor: m.renovations_holder_contractor,
	desk: m.renovations_holder_desk,
	engineering: m.renovations_holder_engineering,
	security: m.renovations_holder_security,
	manager: m.renovations_holder_manager,
	system: m.renovations_holder_system
};

export const documentKindLabel: Record<RenovationDocumentKind, Label> = {
	drawing: m.renovations_kind_drawing,
	contract: m.renovations_kind_contract,
	power_of_attorney: m.renovations_kind_power_of_attorney,
	business_licence: m.renovations_kind_business_licence,
	qualification: m.renovations_kind_qualification,
	materials_list: m.renovations_kind_materials_list,
	material_certificate: m.renovations_kind_material_certificate,
	fire_authority_receipt: m.renovations_kind_fire_authority_receipt,
	insurance: m.renovations_kind_insurance
};

export const reviewCodeLabel: Record<SheetReviewCode, Label> = {
	approved: m.renovations_code_approved,
	approved_as_noted: m.renovations_code_approved_as_noted,
	revise_and_resubmit: m.renovations_code_revise_and_resubmit,
	rejected: m.renovations_code_rejected
};

export const commentStatusLabel: Record<'open' | 'answered' | 'closed', Label> = {
	open: m.renovations_comment_status_open,
	answered: m.renovations_comment_status_answered,
	closed: m.renovations_comment_status_closed
};

export const eventLabel: Record<RenovationEventKind, Label> = {
	started: m.renovations_event_started,
	contractor_joined: m.renovations_event_contractor_joined,
	edit: m.renovations_event_edit,
	invite_contractor: m.renovations_event_invite_contractor,
	upload: m.renovations_event_upload,
	submit: m.renovations_event_submit,
	register: m.renovations_event_register,
	return_papers: m.renovations_event_return_papers,
	code_sheet: m.renovations_event_code_sheet,
	pin_comment: m.renovations_event_pin_comment,
	close_comment: m.renovations_event_close_comment,
	request_revision: m.renovations_event_request_revision,
	answer_comment: m.renovations_event_answer_comment,
	resubmit: m.renovations_event_resubmit,
	approve_drawings: m.renovations_event_approve_drawings,
	approve_fire_safety: m.renovations_event_approve_fire_safety,
	return_fire_safety: m.renovations_event_return_fire_safety,
	reject_drawings: m.renovations_event_reject_drawings,
	reject_fire_safety: m.renovations_event_reject_fire_safety,
	record_insurance: m.renovations_event_record_insurance,
	fees_settled: m.renovations_event_fees_settled,
	sign_commitments: m.renovations_event_sign_commitments,
	commitments_signed: m.renovations_event_commitments_signed,
	sign_permit: m.renovations_event_sign_permit,
	issue_permit: m.renovations_event_issue_permit,
	issue_worker_pass: m.renovations_event_issue_worker_pass,
	issue_hot_work_permit: m.renovations_event_issue_hot_work_permit,
	inspect: m.renovations_event_inspect,
	record_violation: m.renovations_event_record_violation,
	revoke_permit: m.renovations_event_revoke_permit,
	reinstate_permit: m.renovations_event_reinstate_permit,
	request_hidden_inspection: m.renovations_event_request_hidden_inspection,
	inspect_hidden_works: m.renovations_event_inspect_hidden_works,
	request_completion: m.renovations_event_request_completion,
	record_defects: m.renovations_event_record_defects,
	rectified: m.renovations_event_rectified,
	pass_completion: m.renovations_event_pass_completion,
	accept: m.renovations_event_accept,
	withdraw: m.renovations_event_withdraw,
	comment: m.renovations_event_comment
};

/** The departments as printed on the permit and in the inspection log ("Customer service", not "customer service"). */
export const departmentLabel: Record<'desk' | 'engineering' | 'security', Label> = {
	desk: m.renovations_department_desk,
	engineering: m.renovations_department_engineering,
	security: m.renovations_department_security
};

export const permitStatusLabel: Record<PermitStatus, Label> = {
	valid: m.verify_status_valid,
	not_yet_valid: m.verify_status_not_yet_valid,
	expired: m.verify_status_expired,
	revoked: m.verify_status_revoked,
	completed: m.verify_status_completed
};

export const paperLabel: Record<'renovation_commitment' | 'fire_safety_commitment' | 'permit', Label> = {
	renovation_commitment: m.site_paper_renovation_commitment,
	fire_safety_commitment: m.site_paper_fire_safety_commitment,
	permit: m.site_paper_permit
};

/** Who signed, as a signature line names them. */
export const signerLabel: Record<'applicant' | 'contractor' | 'desk' | 'engineering' | 'security', Label> = {
	applicant: m.site_signer_applicant,
	contractor: m.site_signer_contractor,
	...departmentLabel
};

export const inspectionLabel: Record<'daily' | 'hidden_works' | 'completion', Label> = {
	daily: m.site_inspection_daily,
	hidden_works: m.site_inspection_hidden_works,
	completion: m.site_inspection_completion
};

export const outcomeLabel: Record<'ok' | 'issues' | 'passed' | 'defects', Label> = {
	ok: m.site_outcome_ok,
	issues: m.site_outcome_issues,
	passed: m.site_outcome_passed,
	defects: m.site_outcome_defects
};
