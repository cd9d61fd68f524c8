/**
 * The kinds of document an application carries (rule 5a, and the later ones: the fire
 * authority's receipt, the insurance policy). The
 * database enum (db/schema/renovations.ts) is made from this list.
 */
export const renovationDocumentKinds = [
	'contract',
	'power_of_attorney',
	'business_licence',
	'qualification',
	'materials_list',
	'material_certificate',
	'drawing',
	'fire_authority_receipt',
	'insurance'
] as const;

export type RenovationDocumentKind = (typeof renovationDocumentKinds)[number];

/** The largest document, checked in the browser before sending and on the server after. */
export const DOCUMENT_MAX_BYTES = 50 * 1024 * 1024;
