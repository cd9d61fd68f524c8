// The wording of the photo field and the time picker, rendered by a page's load in the reader's
// language with the {placeholders} kept; the components fill them in (fill.ts). Import this from
// +page.server.ts files only, so the messages of all three languages stay out of the browser bundle.
import { m } from '#lib/paraglide/messages.js';

export function photoFieldText() {
	return {
		lost: m.repairs_resident_photos_lost({ count: '{count}' }),
		chosen: m.repairs_resident_photos_chosen({ count: '{count}', max: '{max}' }),
		preparing: m.repairs_resident_photo_preparing(),
		remove: m.repairs_resident_photo_remove({ name: '{name}' }),
		add: m.repairs_resident_photos_add(),
		addMore: m.repairs_resident_photos_add_more({ count: '{count}', max: '{max}' }),
		tooMany: m.files_too_many({ count: '{count}', max: '{max}' })
	};
}
export type PhotoFieldText = ReturnType<typeof photoFieldText>;

export function slotPickerText() {
	return {
		none: m.repairs_resident_no_slots(),
		moreDays: m.repairs_resident_more_days({ count: '{count}' }),
		onlyFor: m.repairs_resident_slot_only_for({ kinds: '{kinds}' })
	};
}
export type SlotPickerText = ReturnType<typeof slotPickerText>;
