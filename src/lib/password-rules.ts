// How long a password may be: one rule for the forms (schemas/auth.ts), the fields' hints in the
// browser and the server's hashing (server/auth/passwords.ts). Plain constants, so that a page
// reading them does not pull the schemas' zod into its JavaScript.
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
