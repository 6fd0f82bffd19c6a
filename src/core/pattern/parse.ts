/**
 * Reads a pattern's source as JavaScript does (flag `u`, and `i` for ignoreCase) with
 * `@eslint-community/regexpp`, ESLint's ECMAScript regular-expression parser, and resolves it to
 * the syntax tree the processor runs (syntax.ts). Synth time only: neither the parser nor the
 * Unicode tables ship in the processor.
 *
 * Refused, with the reason: what JavaScript refuses; and what a linear-time engine cannot run or
 * would run differently: backreferences, lookahead and lookbehind, Unicode property escapes,
 * modifier groups `(?i:...)`, counts over MAX_REPEAT, and a repetition of a part that can match
 * no text (`(a*)*`, `(x?)+`), where engines disagree on what counts as a repetition.
 */
import { AST, RegExpParser, RegExpSyntaxError } from '@eslint-community/regexpp';
import { foldClosure } from './case-folding';
import { compileProgram } from './compile';
import { negate, normalize, Range } from './ranges';
import { canMatchEmpty, MAX_REPEAT, PATTERN_MAX_LENGTH, PatternError, PatternSyntax, WORD_RANGES, WORD_RANGES_IGNORING_CASE } from './syntax';

const DIGIT: readonly Range[] = [[0x30, 0x39]];
const SPACE: readonly Range[] = [[0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a],
  [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]];
const LINE_BREAKS: readonly Range[] = [[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]];

const parser = new RegExpParser({ ecmaVersion: 2025 });

/** The pattern's syntax tree; throws PatternError with the reason when it is refused. */
export function parsePattern(source: string, ignoreCase: boolean): PatternSyntax {
  if (source.length > PATTERN_MAX_LENGTH) throw new PatternError(`the pattern is ${source.length} characters; at most ${PATTERN_MAX_LENGTH}`);
  let ast: AST.Pattern;
  try {
    ast = parser.parsePattern(source, 0, source.length, { unicode: true, unicodeSets: false });
  } catch (error) {
    if (!(error instanceof RegExpSyntaxError)) throw error;
    const prefix = `Invalid regular expression: /${source}/u: `;
    const reason = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    throw new PatternError(`${reason.charAt(0).toLowerCase()}${reason.slice(1)} at ${error.index} (JavaScript refuses it too)`);
  }
  const syntax = new Resolver(ignoreCase).alternatives(ast.alternatives);
  compileProgram(syntax); // throws when its repetitions expand past what the engine runs
  return syntax;
}

/** Turns regexpp's tree into the engine's, numbering groups in JavaScript's order (by opening parenthesis). */
class Resolver {
  private groups = 0;

  constructor(private readonly ignoreCase: boolean) {}

  public alternatives(alternatives: readonly AST.Alternative[]): PatternSyntax {
    const options = alternatives.map((alternative): PatternSyntax => ({
      type: 'concat',
      items: alternative.elements.map((element) => this.element(element)),
    }));
    return options.length === 1 ? options[0] : { type: 'alt', options };
  }

  private element(node: AST.Element): PatternSyntax {
    switch (node.type) {
      case 'Assertion':
        if (node.kind === 'start' || node.kind === 'end') return { type: 'assert', kind: node.kind };
        if (node.kind === 'word') return { type: 'assert', kind: node.negate ? 'notWord' : 'word' };
        return refuse(node, `${node.kind} ${node.raw.slice(0, node.kind === 'lookahead' ? 3 : 4)}`);
      case 'Quantifier': return this.quantifier(node);
      case 'Group':
        if (node.modifiers) return refuse(node, `the modifier group ${node.raw.slice(0, node.raw.indexOf(':') + 1)}...)`, '; use the ignoreCase option, which applies to the whole pattern');
        return { type: 'group', body: this.alternatives(node.alternatives) };
      case 'CapturingGroup': {
        const capture = ++this.groups;
        return { type: 'group', capture, body: this.alternatives(node.alternatives) };
      }
      case 'Character': return this.chars([[node.value, node.value]]);
      case 'CharacterClass': return this.characterClass(node);
      case 'CharacterSet':
        if (node.kind === 'any') return { type: 'char', ranges: negate(LINE_BREAKS) };
        return this.chars(this.escapeSet(node));
      case 'Backreference': return refuse(node, `the backreference ${node.raw}`);
      // Set operations exist with flag v only, which patterns are never parsed with.
      case 'ExpressionCharacterClass': return refuse(node, 'the class set operation');
    }
  }

  private quantifier(node: AST.Quantifier): PatternSyntax {
    const { min, max } = node;
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) {
      throw new PatternError(`the repetition ${node.raw.slice(node.element.raw.length)} at ${node.element.end} counts over ${MAX_REPEAT}; at most ${MAX_REPEAT}`);
    }
    const body = this.element(node.element);
    if (canMatchEmpty(body)) {
      throw new PatternError(`the part repeated at ${node.element.end} can match no text; repeat something that always takes a character`);
    }
    return { type: 'repeat', body, min, max: max === Infinity ? null : max, greedy: node.greedy };
  }

  private characterClass(node: AST.CharacterClass): PatternSyntax {
    // Classes of flag v (nested classes, strings) never occur: patterns are parsed with flag u.
    if (node.unicodeSets) return refuse(node, 'the class of flag v');
    const ranges: Range[] = [];
    for (const element of node.elements) {
      switch (element.type) {
        case 'Character': ranges.push([element.value, element.value]); break;
        case 'CharacterClassRange': ranges.push([element.min.value, element.max.value]); break;
        case 'CharacterSet': ranges.push(...this.escapeSet(element)); break;
      }
    }
    // Negation applies after folding, as in JavaScript: [^k] matches no character that folds with k.
    const own = this.ignoreCase ? foldClosure(ranges) : normalize(ranges);
    return { type: 'char', ranges: node.negate ? negate(own) : own };
  }

  /** `\d \D \s \S \w \W`; property escapes are refused. */
  private escapeSet(node: AST.EscapeCharacterSet | AST.UnicodePropertyCharacterSet): readonly Range[] {
    if (node.kind === 'property') return refuse(node, `the Unicode property escape ${node.raw}`);
    const own = node.kind === 'digit' ? DIGIT : node.kind === 'space' ? SPACE : this.ignoreCase ? WORD_RANGES_IGNORING_CASE : WORD_RANGES;
    return node.negate ? negate(own) : own;
  }

  /** A set of characters as it matches: ignoring case, with every character that folds with one of its own. */
  private chars(ranges: readonly Range[]): PatternSyntax {
    return { type: 'char', ranges: this.ignoreCase ? foldClosure(ranges) : normalize(ranges) };
  }
}

function refuse(node: AST.Node, what: string, hint = ''): never {
  throw new PatternError(`${what} at ${node.start} is not supported${hint}`);
}
