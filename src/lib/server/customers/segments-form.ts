/** A posted segment form as the schema reads it: the lists of checkboxes as arrays, the rest as text. */
export function segmentFormValues(data: FormData): Record<string, unknown> {
	const lists = ['typeIds', 'grades', 'estateIds'];
	const values: Record<string, unknown> = Object.fromEntries(
		[...data.entries()].filter((e): e is [string, string] => typeof e[1] === 'string' && !lists.includes(e[0]))
	);
	for (const list of lists) values[list] = data.getAll(list).filter((v) => typeof v === 'string');
	return values;
}
