/**
 * Stands in for `node:zlib` in the bundled processor (an esbuild alias, see
 * scripts/bundle-handlers.ts). The SDK requires zlib at load for one function, `crc32`, of
 * request checksums, and uses its own JavaScript CRC32 where zlib has none; ChannelFlowCallback
 * computes no checksum. Loading the module cost every cold start most of a millisecond.
 */
export {};
