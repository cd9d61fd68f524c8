import { describe, expect, it } from 'vitest';
import { demoPlan } from './demo-plan.ts';

let next = 0;
const counterIds = () => `id-${next++}`;

describe('demo plan', () => {
	it('comes out the same every time apart from the ids', () => {
		const strip = (plan: ReturnType<typeof demoPlan>) =>
			JSON.stringify(plan, (key, value: unknown) => (key === 'id' || key.endsWith('Id') ? undefined : value));
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

	it('gives every household member and emergency contact the occupancy that recorded it, of the same unit', () => {
		const plan = demoPlan('hash', counterIds);
		const occupancyUnit = new Map(plan.occupancies.map((o) => [o.id, o.unitId]));
		for (const person of [...plan.householdMembers, ...plan.emergencyContacts]) {
			expect(person.occupancyId).toBeTruthy();
			expect(occupancyUnit.get(person.occupancyId!)).toBe(person.unitId);
		}
	});

	it("records the household of a let flat under the renter's occupancy, not the owner's", () => {
		const plan = demoPlan('hash', counterIds);
		const sibling = plan.householdMembers.find((h) => h.name === 'Wong Siu Wah 黃小華')!;
		const occupancy = plan.occupancies.find((o) => o.id === sibling.occupancyId)!;
		expect(occupancy.role).toBe('renter');
		expect(plan.occupancies.some((o) => o.unitId === sibling.unitId && o.role === 'owner')).toBe(true);
	});
});
