/**
 * A number of epoch seconds or milliseconds, as milliseconds: the service's timestamps come in
 * either, undocumented. Epoch seconds stay below 1e11 until the year 5138; milliseconds have been
 * above it since 1973.
 */
export const epochMilliseconds = (value: number): number => (value < 1e11 ? value * 1000 : value);
