import * as fs from 'fs';
import * as path from 'path';
import { SIMPLE_CASE_FOLDING_RUNS } from '../../../src/core/pattern/case-folding-data';
import { ROOT } from '../../support/fixtures';

/** The processor's size budget (the README's Performance section); sizes are deterministic, so a test holds it. */
const BUDGET_KIB = 250;

test(`the bundled processor stays within its ${BUDGET_KIB} KiB budget`, () => {
  const bytes = fs.statSync(path.join(ROOT, 'assets', 'processor', 'index.js')).size;
  expect(bytes / 1024).toBeLessThanOrEqual(BUDGET_KIB);
  // Lambda gives credentials in the environment: the SDK's default credential chain must not ship,
  // nor the SDK capabilities ChannelFlowCallback never uses (lambda/shared/stand-ins/).
  const code = fs.readFileSync(path.join(ROOT, 'assets', 'processor', 'index.js'), 'utf8');
  expect(code).not.toMatch(/credential-provider-sso|fromIni|AssumeRoleWithWebIdentity/);
  expect(code).not.toMatch(/EventStreamCodec|:message-type|require\("(node:)?zlib"\)/);
  expect(code).toContain('ChannelFlowCallback has none');
  // Patterns arrive parsed, their sets closed under case folding: the ECMAScript parser and the
  // Unicode tables run at synth time only.
  expect(code).not.toContain('Lone quantifier brackets');
  expect(code).not.toContain(SIMPLE_CASE_FOLDING_RUNS.slice(0, 40));
  expect(code).toContain('comes with a syntax tree the processor cannot run');
});
