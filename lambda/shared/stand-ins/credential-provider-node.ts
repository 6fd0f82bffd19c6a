/**
 * Stands in for `@aws-sdk/credential-provider-node` in the bundled processor (an esbuild alias,
 * see scripts/bundle-handlers.ts). Lambda puts the function's credentials in AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, so the environment provider is the whole chain
 * the processor needs; the default chain (SSO, INI files, web identity, IMDS, ...) would more
 * than double the bundle and the cold load.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

export const defaultProvider: typeof import('@aws-sdk/credential-provider-node').defaultProvider = (init) => fromEnv(init);
