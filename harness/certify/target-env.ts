// Certify through `npx playwright test`: CORS_TARGET names the server; the checks become tests.

export const TARGET_ENV = 'CORS_TARGET';
/** Comma-separated origins the server is meant to trust (see --trusted-origin). */
export const TRUSTED_ENV = 'CORS_TRUSTED_ORIGINS';

export const certifyTarget = () => process.env[TARGET_ENV] || undefined;
export const trustedFromEnv = () => (process.env[TRUSTED_ENV] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
