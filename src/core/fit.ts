/** Fitting the attributes a decision made to what ChannelFlowCallback accepts. */
import { AttributeMap } from './event';
import { LIMITS } from './limits';
import { codePointsWithin, cutToUnits, utf8Length } from './text';

export type AttributeRecord = Record<string, { StringValues: string[] }>;

/** Attributes the service itself reads (`CHIME.mentions`, `CHIME.LEX.sessionState.*`): a bot's invocation depends on them. */
export const SERVICE_ATTRIBUTE_PREFIX = 'CHIME.';
export const isServiceAttribute = (name: string) => name.startsWith(SERVICE_ATTRIBUTE_PREFIX);

export interface FittedAttributes {
  readonly record: AttributeRecord;
  /** Values (or whole attributes, for a name out of bounds) left out or cut. */
  readonly adjusted: number;
}

/**
 * Makes the attributes fit the API: names of 1-64 characters, values of 1-512, and 1 KB (UTF-8)
 * for all names and values together. The service's own (`CHIME.`) that arrived come first, so a
 * bot is still invoked; then those a rule wrote, in rule order, so a client cannot crowd out
 * what the policy sets: a value is cut to 512 UTF-16 code units at a character
 * boundary, within the limit whichever unit the service counts. Then the attributes the message
 * arrived with: a value is kept whole or left out, never cut (a cut value is one nobody sent),
 * and names and values are measured in code points, the smallest count, since the service
 * accepted them in whatever unit it counts. For both, a name out of bounds leaves the attribute
 * out; an empty value, or one that would take the total over 1 KB, is left out; an attribute
 * left with no value is left out.
 */
export function fitAttributes(attributes: ReadonlyMap<string, readonly string[]>, written: ReadonlySet<string>): FittedAttributes {
  // No prototype: an attribute may be called `__proto__`.
  const record: AttributeRecord = Object.create(null);
  let total = 0;
  let adjusted = 0;
  const add = (name: string, values: readonly string[], byRule: boolean) => {
    const within = (text: string, max: number) => (byRule ? text.length <= max : codePointsWithin(text, max));
    if (name.length < 1 || !within(name, LIMITS.attributeKeyMaxChars) || values.length === 0) {
      adjusted++;
      return;
    }
    let size = utf8Length(name);
    const kept: string[] = [];
    for (const raw of values) {
      const value = byRule ? cutToUnits(raw, LIMITS.attributeValueMaxChars) : raw;
      const valueSize = utf8Length(value);
      const fits = value.length > 0 && within(value, LIMITS.attributeValueMaxChars) && total + size + valueSize <= LIMITS.attributesMaxBytes;
      if (!fits || value !== raw) adjusted++;
      if (!fits) continue;
      kept.push(value);
      size += valueSize;
    }
    if (kept.length === 0) return;
    record[name] = { StringValues: kept };
    total += size;
  };
  for (const [name, values] of attributes) {
    if (isServiceAttribute(name) && !written.has(name)) add(name, values, false);
  }
  for (const name of written) add(name, attributes.get(name) ?? [], true);
  for (const [name, values] of attributes) {
    if (!written.has(name) && !isServiceAttribute(name)) add(name, values, false);
  }
  return { record, adjusted };
}

/** Whether the fitted record holds exactly the attributes the message arrived with. */
export function sameAttributes(a: AttributeMap, b: AttributeRecord): boolean {
  const bKeys = Object.keys(b);
  return a.size === bKeys.length && bKeys.every((key) => {
    const values = a.get(key);
    return values !== undefined && values.length === b[key].StringValues.length && values.every((v, i) => v === b[key].StringValues[i]);
  });
}

