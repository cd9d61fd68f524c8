/**
 * What an application still lacks before it can be submitted (rule 5a): the form's facts and the
 * papers. The applicant's page shows it as a checklist; submitting is refused until it is empty.
 * A unit over 200 m² also needs the city fire authority's receipt, before the fire-safety review
 * can approve it (rule 5d), and the contractor's insurance policy ends the fees step (rule 5e) —
 * listed here so the applicant sees them coming.
 */
import type { renovationApplications, renovationDocumentKind } from '../db/schema/renovations.ts';

type DocumentKind = (typeof renovationDocumentKind.enumValues)[number];
type Application = Pick<
	typeof renovationApplications.$inferSelect,
	| 'plannedStart'
	| 'plannedEnd'
	| 'scope'
	| 'areaM2'
	| 'works'
	| 'contractorCompany'
	| 'contractorLicence'
	| 'contractorGrade'
	| 'contractorEmail'
>;

export const checklistItems = [
	'dates',
	'scope',
	'area',
	'works',
	'contractor',
	'contractor_email',
	'contract',
	'business_licence',
	'qualification',
	'materials_list',
	'material_certificate',
	'drawing',
	'fire_authority_receipt',
	'insurance'
] as const;
export type ChecklistItem = (typeof checklistItems)[number];

/** Over this area the city fire authority must approve the works too. */
export const FIRE_AUTHORITY_AREA_M2 = 200;

/** Items needed later, not before submitting: before the fire-safety review approves, before the fees step ends. */
const laterItems: readonly ChecklistItem[] = ['fire_authority_receipt', 'insurance'];

/** What is missing, in the checklist's order: before it may be submitted, and for a later step. */
export function checklist(
	application: Application,
	documents: readonly { kind: DocumentKind }[]
): { beforeSubmit: ChecklistItem[]; later: ChecklistItem[] } {
	const missing = missingItems(application, documents);
	return { beforeSubmit: missing.filter((item) => !laterItems.includes(item)), later: missing.filter((item) => laterItems.includes(item)) };
}

function missingItems(application: Application, documents: readonly { kind: DocumentKind }[]): ChecklistItem[] {
	const has = (kind: DocumentKind) => documents.some((d) => d.kind === kind);
	const a = application;
	const present: Record<ChecklistItem, boolean> = {
		dates: a.plannedStart !== null && a.plannedEnd !== null,
		scope: a.scope.trim() !== '',
		area: a.areaM2 !== null,
		works: a.works.length > 0,
		contractor: a.contractorCompany !== '' && a.contractorLicence !== '' && a.contractorGrade !== null && a.contractorGrade <= 2,
		contractor_email: a.contractorEmail !== '',
		contract: has('contract') || has('power_of_attorney'),
		business_licence: has('business_licence'),
		qualification: has('qualification'),
		materials_list: has('materials_list'),
		material_certificate: has('material_certificate'),
		drawing: has('drawing'),
		fire_authority_receipt: a.areaM2 === null || Number(a.areaM2) <= FIRE_AUTHORITY_AREA_M2 || has('fire_authority_receipt'),
		insurance: has('insurance')
	};
	return checklistItems.filter((item) => !present[item]);
}
