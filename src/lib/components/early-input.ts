/**
 * What a person typed or chose in a form before the page's JavaScript took over. On a slow phone
 * the server-rendered form can be used seconds before hydration; hydration then writes the
 * server's values back into the fields (Svelte applies `value={…}` once when it hydrates), and the
 * component never heard the person's input or change events — a chosen kind, a typed line, an
 * answered question or picked photos would be lost. The root layout calls takeEarlyInput when its
 * script starts (before any page markup is hydrated) and what it returns in onMount: every form's
 * fields get their values back, with the events the components listen to. Only the first page
 * load hydrates; later pages are rendered by the app itself.
 */

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
type Early = { field: Field; value: string } | { field: HTMLInputElement; checked: boolean } | { field: HTMLInputElement; files: true };

function changedEarly(field: Element): Early | null {
	if (field instanceof HTMLInputElement) {
		if (field.type === 'file') return field.files?.length ? { field, files: true } : null;
		if (field.type === 'radio' || field.type === 'checkbox')
			return field.checked !== field.defaultChecked ? { field, checked: field.checked } : null;
		if (field.type === 'hidden') return null;
		return field.value !== field.defaultValue ? { field, value: field.value } : null;
	}
	if (field instanceof HTMLTextAreaElement) return field.value !== field.defaultValue ? { field, value: field.value } : null;
	if (field instanceof HTMLSelectElement) {
		return [...field.options].some((option) => option.selected !== option.defaultSelected) ? { field, value: field.value } : null;
	}
	return null;
}

/** Reads every form's early input now; the returned function gives it back (once the page is hydrated). */
export function takeEarlyInput(): () => void {
	if (typeof document === 'undefined') return () => {};
	const early = [...document.forms].flatMap((form) => [...form.elements].flatMap((field) => changedEarly(field) ?? []));
	return () => {
		for (const entry of early) {
			// Hydration keeps the server's elements; one that was rendered anew is not the one typed into.
			if (!entry.field.isConnected) continue;
			if ('value' in entry) entry.field.value = entry.value;
			if ('checked' in entry) entry.field.checked = entry.checked;
			if (!(entry.field instanceof HTMLSelectElement) && !('files' in entry) && !('checked' in entry)) {
				entry.field.dispatchEvent(new Event('input', { bubbles: true }));
			}
			entry.field.dispatchEvent(new Event('change', { bubbles: true }));
		}
	};
}
