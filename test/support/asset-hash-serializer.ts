/**
 * Keeps asset hashes out of snapshots: they change with every rebuild of the bundled processor
 * (and with the policy it ships), which a snapshot of the stack's shape should not care about.
 */
const ASSET_HASH = /[0-9a-f]{64}(\.zip)?/g;

module.exports = {
  test: (value: unknown) => typeof value === 'string' && /[0-9a-f]{64}/.test(value),
  serialize: (value: string) => JSON.stringify(value.replace(ASSET_HASH, (_, zip) => `[ASSET HASH]${zip ?? ''}`)),
};
