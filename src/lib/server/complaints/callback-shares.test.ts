import { describe, expect, it } from 'vitest';
import { complaintCallbackShares } from './callback-shares.ts';

describe('complaint callback shares (rule 4: 10 % called back, 30 % of those in person)', () => {
	it('asks for one callback in ten resolved complaints, rounding up', () => {
		expect(complaintCallbackShares(10, 0, 0).callbacksNeeded).toBe(1);
		expect(complaintCallbackShares(11, 1, 0).callbacksNeeded).toBe(1);
		expect(complaintCallbackShares(30, 3, 1).callbacksNeeded).toBe(0);
	});

	it('asks for in-person callbacks against the callbacks the month needs, not only those made', () => {
		// 40 resolved → 4 callbacks wanted → 2 in person (30 % of 4 = 1.2, rounded up).
		expect(complaintCallbackShares(40, 0, 0).inPersonNeeded).toBe(2);
		expect(complaintCallbackShares(40, 4, 2).inPersonNeeded).toBe(0);
		expect(complaintCallbackShares(40, 10, 2).inPersonNeeded).toBe(1);
	});

	it('gives shares, and none when there is nothing to divide by', () => {
		const shares = complaintCallbackShares(20, 4, 1);
		expect(shares.calledBackShare).toBe(0.2);
		expect(shares.inPersonShare).toBe(0.25);
		expect(complaintCallbackShares(0, 0, 0)).toMatchObject({
			calledBackShare: null,
			inPersonShare: null,
			callbacksNeeded: 0,
			inPersonNeeded: 0
		});
	});
});
