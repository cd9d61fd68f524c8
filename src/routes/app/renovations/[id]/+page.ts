// Plain forms: the pages work as they are sent, and a phone loads no JavaScript for them.
export const csr = false;
