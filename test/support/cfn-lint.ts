import { spawnSync } from 'child_process';
import { EXPLAINED_CFN_LINT_FINDINGS } from './cfn-lint-explained';

export interface CfnLintFinding {
  readonly Rule: { readonly Id: string };
  readonly Message: string;
}

/** cfn-lint's findings on the templates (it is on every build machine). */
export function cfnLintFindings(templates: readonly string[]): CfnLintFinding[] {
  // cfn-lint exits non-zero when it finds anything: its JSON report is read either way.
  const lint = spawnSync('cfn-lint', ['--format', 'json', ...templates], { encoding: 'utf8' });
  if (lint.error) throw lint.error;
  return JSON.parse(lint.stdout);
}

/** The findings no entry of test/support/cfn-lint-explained.ts explains, as "RULE: message". */
export function unexplained(findings: readonly CfnLintFinding[]): string[] {
  return findings.filter((f) => !EXPLAINED_CFN_LINT_FINDINGS.some((e) => e.rule === f.Rule.Id && e.message.test(f.Message)))
    .map((f) => `${f.Rule.Id}: ${f.Message}`);
}
