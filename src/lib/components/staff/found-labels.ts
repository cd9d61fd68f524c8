import { m } from '#lib/paraglide/messages.js';
import type { FoundTag } from '#lib/server/frontdesk/finder.ts';
import type { FoundKind } from '#lib/server/frontdesk/find.ts';
import { stateName } from '#lib/repair-labels.ts';
import { complaintStateLabel } from '#lib/complaint-labels.ts';
import { stateLabel } from '#lib/components/bills/labels.ts';

// The front desk's result groups and tags in the reader's language. A kind without a heading
// here (a newer finder's) is shown by its code rather than hidden.

const headings: Record<FoundKind, () => string> = {
	people: () => m.frontdesk_group_people(),
	units: () => m.frontdesk_group_units(),
	companies: () => m.frontdesk_group_companies(),
	repairs: () => m.frontdesk_group_repairs(),
	complaints: () => m.frontdesk_group_complaints(),
	bills: () => m.frontdesk_group_bills()
};

export const groupHeading = (kind: string) => (Object.hasOwn(headings, kind) ? headings[kind as FoundKind]() : kind);

export function tagLabel(tag: FoundTag): string {
	switch (tag.kind) {
		case 'occupant':
			return tag.role === 'owner' ? m.frontdesk_tag_owner() : m.frontdesk_tag_renter();
		case 'member':
			return tag.role === 'owner' ? m.frontdesk_tag_member_owner() : m.frontdesk_tag_member_renter();
		case 'household':
			return m.frontdesk_tag_household({ relation: tag.relation });
		case 'repair':
			return stateName(tag.state);
		case 'complaint':
			return complaintStateLabel[tag.state]();
		case 'bill':
			return stateLabel(tag.state);
		case 'receipt':
			return m.frontdesk_tag_receipt();
	}
}
