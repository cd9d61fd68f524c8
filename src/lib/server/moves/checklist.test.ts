import { describe, expect, it } from 'vitest';
import { missingForMoveIn, type MoveInFacts } from './checklist.ts';

const complete: MoveInFacts = {
	party: 'person',
	checklist: { identityChecked: true, archiveForm: true },
	documents: ['id_copy'],
	rulesSigned: true,
	readingsFiled: true,
	keysIssued: 2,
	inspected: true
};

describe('what a move-in still lacks', () => {
	it('lacks nothing when every paper, signature, reading and key is on record', () => {
		expect(missingForMoveIn(complete)).toEqual([]);
	});

	it('asks a company for its business licence, not an ID copy', () => {
		expect(missingForMoveIn({ ...complete, party: 'company' })).toEqual(['identity_paper']);
		expect(missingForMoveIn({ ...complete, party: 'company', documents: ['business_licence'] })).toEqual([]);
	});

	it('asks for the power of attorney and the proxy ID when by proxy', () => {
		const byProxy = { ...complete, checklist: { ...complete.checklist, byProxy: true } };
		expect(missingForMoveIn(byProxy)).toEqual(['proxy_papers']);
		expect(missingForMoveIn({ ...byProxy, documents: ['id_copy', 'power_of_attorney', 'proxy_id'] })).toEqual([]);
	});

	it('lists everything for a case just opened', () => {
		expect(
			missingForMoveIn({
				party: 'person',
				checklist: {},
				documents: [],
				rulesSigned: false,
				readingsFiled: false,
				keysIssued: 0,
				inspected: false
			})
		).toEqual(['identity', 'identity_paper', 'archive_form', 'rules_signed', 'readings', 'keys', 'inspected']);
	});
});
