import { execFileSync } from 'child_process';
import * as path from 'path';

test('the case-folding table is what scripts/case-folding.mjs makes from the installed Unicode data', () => {
  // Throws, with the script's message, when src/core/pattern/case-folding-data.ts has drifted.
  execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'scripts', 'case-folding.mjs'), '--check'], { stdio: 'pipe' });
});
