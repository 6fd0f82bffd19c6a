import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './support/fixtures';

/**
 * The tags a doc comment of the public API may carry. Any other is text that jsii read as a tag
 * (an `@` after a space, as in "hi @bob"): the comment stops there in API.md and in every
 * language's docs.
 */
const KNOWN_TAGS = new Set(['attribute']);

/** Every doc block of the assembly jsii wrote, with where it stands. */
function docsOf(assembly: any): { where: string; docs: any }[] {
  const found: { where: string; docs: any }[] = [];
  for (const [fqn, type] of Object.entries<any>(assembly.types)) {
    found.push({ where: fqn, docs: type.docs });
    for (const member of [...(type.methods ?? []), ...(type.properties ?? []), ...(type.members ?? [])]) {
      found.push({ where: `${fqn}.${member.name}`, docs: member.docs });
      for (const parameter of member.parameters ?? []) found.push({ where: `${fqn}.${member.name}(${parameter.name})`, docs: parameter.docs });
    }
    for (const parameter of type.initializer?.parameters ?? []) found.push({ where: `${fqn}(${parameter.name})`, docs: parameter.docs });
  }
  return found;
}

describe('the doc comments of the public API, as jsii compiled them (.jsii)', () => {
  const assembly = JSON.parse(fs.readFileSync(path.join(ROOT, '.jsii'), 'utf8'));

  test('no comment is cut short by text that jsii read as a tag', () => {
    const unknown = docsOf(assembly).flatMap(({ where, docs }) => Object.keys(docs?.custom ?? {})
      .filter((tag) => !KNOWN_TAGS.has(tag)).map((tag) => `${where}: @${tag}`));
    expect(unknown).toEqual([]);
  });

  test('every public type and member has a summary', () => {
    const missing = docsOf(assembly).filter(({ where, docs }) => !where.includes('(') && !docs?.summary).map(({ where }) => where);
    expect(missing).toEqual([]);
  });
});
