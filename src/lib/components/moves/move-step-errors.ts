/**
 * A move's page takes each step as a form action (recordStep): refused, the page comes back with
 * the step's name and its message by field. Both the resident's and the desk's page read it so.
 */
type StepForm = { step: string; errors: Record<string, string> } | null | undefined;

// Steps without fields of their own show whatever refused them above the page.
const fieldless = ['complete', 'settle', 'confirm_reading', 'inspect'];

export function stepError(form: StepForm, step: string, field: string): string | undefined {
	return form?.step === step ? form.errors[field] : undefined;
}

export function stepBanner(form: StepForm): string | undefined {
	return form?.errors?.[''] ?? (form && fieldless.includes(form.step) ? Object.values(form.errors)[0] : undefined);
}
