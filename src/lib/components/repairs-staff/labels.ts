import { m } from '#lib/paraglide/messages.js';
import type { QuoteState } from '#lib/server/repairs/quote-machine.ts';

// Quote states and intake channels in the reader's language for the staff pages (repair states
// and timeline events: #lib/components/repairs/labels.ts, shared with the resident pages).
// Codes missing here (a newer feature's) are shown as they are rather than hidden.

const quoteStates: Record<QuoteState, () => string> = {
	pending_approval: () => m.repairs_staff_quote_state_pending_approval(),
	awaiting_resident: () => m.repairs_staff_quote_state_awaiting_resident(),
	accepted: () => m.repairs_staff_quote_state_accepted(),
	declined: () => m.repairs_staff_quote_state_declined(),
	rejected: () => m.repairs_staff_quote_state_rejected()
};

const channels: Record<string, () => string> = {
	portal: () => m.repairs_staff_channel_portal(),
	phone: () => m.repairs_staff_channel_phone(),
	counter: () => m.repairs_staff_channel_counter(),
	widget: () => m.repairs_staff_channel_widget()
};

const label = (table: Record<string, () => string>, code: string) => (Object.hasOwn(table, code) ? table[code]!() : code);

export const quoteStateName = (state: QuoteState) => quoteStates[state]();
export const channelName = (channel: string) => label(channels, channel);
