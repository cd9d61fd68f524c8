/**
 * A plain form field as text: what a button or hidden input posts (an id, a date). A missing
 * field, or a file where text was expected, reads as '' — which the service then refuses as
 * it refuses any other wrong value — never as "[object File]".
 */
export function formText(data: FormData, name: string): string {
	const value = data.get(name);
	return typeof value === 'string' ? value : '';
}
