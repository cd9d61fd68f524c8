/**
 * What a move-in still lacks before it can complete (rule 9): the pages show it as the
 * checklist, and completing refuses while anything is on it.
 */
import type { MoveChecklist } from '../db/schema/moves.ts';

export type MoveDocumentKind = 'id_copy' | 'business_licence' | 'power_of_attorney' | 'proxy_id' | 'archive_form' | 'parking_contract';

export const moveInItems = [
	'identity',
	'identity_paper',
	'proxy_papers',
	'archive_form',
	'rules_signed',
	'readings',
	'keys',
	'inspected'
] as const;
export type MoveInItem = (typeof moveInItems)[number];

export interface MoveInFacts {
	party: 'person' | 'company';
	checklist: MoveChecklist;
	documents: readonly MoveDocumentKind[];
	rulesSigned: boolean;
	/** Readings written to meter_readings after the three parties confirmed. */
	readingsFiled: boolean;
	keysIssued: number;
	inspected: boolean;
}

/** The items still missing, in the checklist's order. A parking contract is optional. */
export function missingForMoveIn(facts: MoveInFacts): MoveInItem[] {
	const has = (kind: MoveDocumentKind) => facts.documents.includes(kind);
	const missing: MoveInItem[] = [];
	if (!facts.checklist.identityChecked) missing.push('identity');
	if (!has(facts.party === 'person' ? 'id_copy' : 'business_licence')) missing.push('identity_paper');
	if (facts.checklist.byProxy && !(has('power_of_attorney') && has('proxy_id'))) missing.push('proxy_papers');
	if (!facts.checklist.archiveForm) missing.push('archive_form');
	if (!facts.rulesSigned) missing.push('rules_signed');
	if (!facts.readingsFiled) missing.push('readings');
	if (facts.keysIssued === 0) missing.push('keys');
	if (!facts.inspected) missing.push('inspected');
	return missing;
}
