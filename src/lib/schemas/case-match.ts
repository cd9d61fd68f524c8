import { z } from 'zod';
import { m } from '#lib/paraglide/messages.js';

/** Staff match a case from the public widget to a unit: the unit picked (a suggestion, or one looked up). */
export const matchUnitSchema = z.object({
	unitId: z
		.string()
		.trim()
		.min(1, { error: () => m.case_match_unit_required() })
		.max(40, { error: () => m.case_match_unit_required() })
});
