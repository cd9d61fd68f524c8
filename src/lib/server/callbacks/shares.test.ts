import { describe, expect, it } from 'vitest';
import { callbackRoles, callbackShareTargets, callbacksNeeded, nextCallbackRole, sharesFrom, type CallbackRole } from './shares.ts';

const all = new Set<CallbackRole>(callbackRoles);

function run(
	steps: number,
	available: ReadonlySet<CallbackRole> = all,
	start: Record<CallbackRole, number> = { manager: 0, customer_service: 0, engineering_supervisor: 0 }
) {
	const counts = { ...start };
	const history: Record<CallbackRole, number>[] = [];
	for (let i = 0; i < steps; i++) {
		const role = nextCallbackRole(counts, available);
		if (!role) throw new Error('no role');
		counts[role]++;
		history.push({ ...counts });
	}
	return history;
}

describe('nextCallbackRole', () => {
	it('keeps every role at or above the whole part of its floor after every callback, over 1000 steps', () => {
		run(1000).forEach((counts, index) => {
			const n = index + 1;
			for (const role of callbackRoles)
				expect(counts[role], `${role} after ${n}`).toBeGreaterThanOrEqual(Math.floor(callbackShareTargets[role] * n));
		});
	});

	it('meets 10 % / 30 % / 60 % exactly at every tenth callback', () => {
		run(200).forEach((counts, index) => {
			const n = index + 1;
			if (n % 10 !== 0) return;
			expect(counts).toEqual({ manager: n / 10, customer_service: (3 * n) / 10, engineering_supervisor: (6 * n) / 10 });
		});
	});

	it('starts with the repair lead and gives the director the tenth at the latest', () => {
		const history = run(10);
		expect(history[0]).toEqual({ manager: 0, customer_service: 0, engineering_supervisor: 1 });
		expect(history[9]!.manager).toBe(1);
	});

	it('catches a role up after a reassignment left it behind', () => {
		// 10 callbacks so far, the director has none: the next ones go to the director first.
		const next = nextCallbackRole({ manager: 0, customer_service: 4, engineering_supervisor: 6 }, all);
		expect(next).toBe('manager');
	});

	it('skips roles nobody holds, and answers null when nobody holds any', () => {
		const counts = run(30, new Set<CallbackRole>(['customer_service', 'engineering_supervisor'])).at(-1)!;
		expect(counts.manager).toBe(0);
		expect(counts.customer_service + counts.engineering_supervisor).toBe(30);
		expect(nextCallbackRole({ manager: 0, customer_service: 0, engineering_supervisor: 0 }, new Set())).toBeNull();
	});
});

describe('sharesFrom', () => {
	const below = (counts: Partial<Record<CallbackRole, number>>) =>
		Object.fromEntries(sharesFrom(counts).roles.map((r) => [r.role, r.belowFloor]));

	it('judges the month on its real percentages: 9.5 % is below a 10 % target, nothing is rounded up', () => {
		// 21 callbacks: the director's 2 are 9.52 %, the repair lead's 12 are 57.1 %.
		expect(below({ manager: 2, customer_service: 7, engineering_supervisor: 12 })).toEqual({
			manager: true,
			customer_service: false,
			engineering_supervisor: true
		});
		// 17 callbacks: 5 of 17 is 29.4 % — under 30 %, though no whole callback short.
		expect(below({ manager: 2, customer_service: 5, engineering_supervisor: 10 })).toEqual({
			manager: false,
			customer_service: true,
			engineering_supervisor: true
		});
		// Exactly on target is not below it.
		expect(below({ manager: 1, customer_service: 3, engineering_supervisor: 6 })).toEqual({
			manager: false,
			customer_service: false,
			engineering_supervisor: false
		});
	});

	it('says how many more callbacks each role needs before the month ends', () => {
		const needed = (counts: Partial<Record<CallbackRole, number>>) =>
			Object.fromEntries(sharesFrom(counts).roles.map((r) => [r.role, r.needed]));
		// 2 of 21 → 3 of 22 is 13.6 %; 12 of 21 → 14 of 23 is 60.9 % (13 of 22 would be 59.1 %).
		expect(needed({ manager: 2, customer_service: 7, engineering_supervisor: 12 })).toEqual({
			manager: 1,
			customer_service: 0,
			engineering_supervisor: 2
		});
		// Nobody has any: nothing is needed yet.
		expect(needed({})).toEqual({ manager: 0, customer_service: 0, engineering_supervisor: 0 });
	});

	it('needs the least number of callbacks that lifts the share to the target', () => {
		for (const percent of [10, 30, 60])
			for (let total = 0; total <= 60; total++)
				for (let count = 0; count <= total; count++) {
					const k = callbacksNeeded(count, total, percent);
					expect((count + k) * 100 >= percent * (total + k), `${count}/${total} at ${percent} %`).toBe(true);
					if (k > 0) expect((count + k - 1) * 100 < percent * (total + k - 1)).toBe(true);
				}
	});

	it('gives shares as fractions, and none for an empty month', () => {
		const { total, roles } = sharesFrom({ manager: 1, customer_service: 1, engineering_supervisor: 2 });
		expect(total).toBe(4);
		expect(roles.map((r) => r.share)).toEqual([0.25, 0.25, 0.5]);
		expect(sharesFrom({}).roles.every((r) => r.share === null && !r.belowFloor)).toBe(true);
	});

	it('agrees with nextCallbackRole at every tenth callback: no role below its share then', () => {
		run(300).forEach((counts, index) => {
			if ((index + 1) % 10 === 0) expect(sharesFrom(counts).roles.some((r) => r.belowFloor)).toBe(false);
		});
	});
});
