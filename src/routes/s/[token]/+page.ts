// One form, answered once from a link in an email, often on a phone: the page sends no JavaScript.
// The form posts as it is and the server answers with the page, its messages at the fields.
export const csr = false;
