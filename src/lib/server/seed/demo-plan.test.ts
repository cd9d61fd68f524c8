import { describe, expect, it } from 'vitest';
import { demoPlan } from './demo-plan.ts';

let next = 0;
const counterIds = () => `id-${next++}`;

describe('demo plan', () => {
	it('comes out the same every time apart from the ids', () => {
		const strip = (plan: ReturnType<typeof demoPlan>) =>
			JSON.stringify(plan, (key, value) => (key === 'id' || key.endsWith('Id') ? undefined : value));
		expect(strip(demoPlan('hash', counterIds))).toBe(strip(demoPlan('hash', counterIds)));
	});

	it('keeps Harbour View flats between 55 and 140 m² and office units between 80 and 400 m²', () => {
		const plan = demoPlan('hash', counterIds);
		for (const unit of plan.units) {
			const area = Number(unit.areaM2);
			expect(unit.areaM2).toMatch(/^\d+\.\d{2}$/);
			if (unit.use === 'residential') expect(area).toSatisfy((a: number) => a >= 55 && a <= 140);
			else expect(area).toSatisfy((a: number) => a >= 80 && a <= 400);
		}
		expect(plan.units.filter((u) => u.use === 'retail').map((u) => u.number)).toEqual(['G01', 'G02', 'G03', 'G04', 'G05', 'G06']);
	});

	it('gives every account a unique lower-case email', () => {
		const emails = demoPlan('hash', counterIds).users.map((u) => u.email);
		expect(new Set(emails).size).toBe(emails.length);
		for (const email of emails) expect(email).toBe(email.toLowerCase());
		expect(emails).toContain('resident017@example.test');
	});

	it('never lets an occupancy end before it starts', () => {
		for (const o of demoPlan('hash', counterIds).occupancies) {
			if (o.endsOn) expect(o.endsOn >= o.startsOn).toBe(true);
			expect(Boolean(o.userId) !== Boolean(o.companyId)).toBe(true);
		}
	});
});
