// Plain links and small forms: the list works as it is sent, and a phone loads no JavaScript for it.
export const csr = false;
