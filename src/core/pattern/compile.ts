/** A syntax tree compiled to a Pike VM program (vm.ts). */
import { Range } from './ranges';
import { AssertKind, PatternError, PatternSyntax } from './syntax';

/** Instructions of a compiled pattern at most; with them, the steps one character can cost. */
export const MAX_PROGRAM = 2000;

export type Instruction =
  | { op: 'char'; ranges: readonly Range[] }
  | { op: 'assert'; kind: AssertKind }
  | { op: 'split'; x: number; y: number }
  | { op: 'jmp'; to: number }
  | { op: 'save'; slot: number }
  /** Forgets the first group, as JavaScript does at each repetition of a group around it. */
  | { op: 'clear' }
  | { op: 'match' };

type Repeat = Extract<PatternSyntax, { type: 'repeat' }>;

/** Whether the first group is inside the node. */
function holdsFirstGroup(node: PatternSyntax): boolean {
  switch (node.type) {
    case 'group': return node.capture === 1 || holdsFirstGroup(node.body);
    case 'concat': return node.items.some(holdsFirstGroup);
    case 'alt': return node.options.some(holdsFirstGroup);
    case 'repeat': return holdsFirstGroup(node.body);
    default: return false;
  }
}

const tooLarge = () => new PatternError(`the pattern is too large once its repetitions are expanded (over ${MAX_PROGRAM} instructions)`);

/** Programs by tree: the processor checks a document (compiling each pattern) before it compiles it for use. */
const programs = new WeakMap<PatternSyntax, readonly Instruction[]>();

/** The program for `root`: its match saved in slots 0 and 1, its first group in 2 and 3. */
export function compileProgram(root: PatternSyntax): readonly Instruction[] {
  let program = programs.get(root);
  if (!program) {
    const compiler = new Compiler();
    compiler.compile({ type: 'group', capture: 0, body: root });
    compiler.program.push({ op: 'match' });
    program = compiler.program;
    programs.set(root, program);
  }
  return program;
}

class Compiler {
  public readonly program: Instruction[] = [];
  private visits = 0;

  private emit(instruction: Instruction): number {
    if (this.program.length >= MAX_PROGRAM) throw tooLarge();
    this.program.push(instruction);
    return this.program.length - 1;
  }

  public compile(node: PatternSyntax): void {
    // Repetitions of parts that emit nothing would otherwise be visited without bound.
    if (++this.visits > MAX_PROGRAM * 4) throw tooLarge();
    switch (node.type) {
      case 'char':
        this.emit({ op: 'char', ranges: node.ranges });
        return;
      case 'assert':
        this.emit({ op: 'assert', kind: node.kind });
        return;
      case 'group': {
        // Only the whole match (group 0) and the first group are reported.
        const slot = node.capture === 0 || node.capture === 1 ? node.capture * 2 : undefined;
        if (slot !== undefined) this.emit({ op: 'save', slot });
        this.compile(node.body);
        if (slot !== undefined) this.emit({ op: 'save', slot: slot + 1 });
        return;
      }
      case 'concat':
        node.items.forEach((item) => this.compile(item));
        return;
      case 'alt': {
        const jumps: number[] = [];
        node.options.forEach((option, i) => {
          if (i < node.options.length - 1) {
            const split = this.emit({ op: 'split', x: 0, y: 0 });
            (this.program[split] as { x: number }).x = split + 1;
            this.compile(option);
            jumps.push(this.emit({ op: 'jmp', to: 0 }));
            (this.program[split] as { y: number }).y = this.program.length;
          } else {
            this.compile(option);
          }
        });
        for (const j of jumps) (this.program[j] as { to: number }).to = this.program.length;
        return;
      }
      case 'repeat':
        this.repeat(node);
        return;
    }
  }

  private split(greedy: boolean, body: number, after: number): Instruction {
    return greedy ? { op: 'split', x: body, y: after } : { op: 'split', x: after, y: body };
  }

  /** One repetition of the body; the first group starts afresh at each, as in JavaScript. */
  private iteration(node: Repeat, clears: boolean): void {
    if (clears) this.emit({ op: 'clear' });
    this.compile(node.body);
  }

  private repeat(node: Repeat): void {
    const clears = holdsFirstGroup(node.body);
    for (let i = 0; i < node.min; i++) this.iteration(node, clears);
    if (node.max === null) {
      const loop = this.emit({ op: 'split', x: 0, y: 0 });
      this.iteration(node, clears);
      this.emit({ op: 'jmp', to: loop });
      this.program[loop] = this.split(node.greedy, loop + 1, this.program.length);
      return;
    }
    const splits: number[] = [];
    for (let i = node.min; i < node.max; i++) {
      splits.push(this.emit({ op: 'split', x: 0, y: 0 }));
      this.iteration(node, clears);
    }
    for (const s of splits) this.program[s] = this.split(node.greedy, s + 1, this.program.length);
  }
}
