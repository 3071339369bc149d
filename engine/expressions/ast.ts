import type { SafeRegExp } from './regexp/safe-regexp.ts';

/** Syntax tree of the expression subset. `pos` is the source offset, used in error messages. */
export type Node =
  | { type: 'Literal'; value: string | number | boolean | null | undefined; pos: number }
  | { type: 'RegExp'; regexp: SafeRegExp; pos: number }
  | { type: 'Identifier'; name: string; pos: number }
  | { type: 'Template'; quasis: string[]; expressions: Node[]; pos: number }
  | { type: 'Array'; elements: Element[]; pos: number }
  | { type: 'Object'; properties: Property[]; pos: number }
  | { type: 'Member'; object: Node; property: string | Node; optional: boolean; pos: number }
  | { type: 'Call'; callee: Node; args: Element[]; optional: boolean; pos: number }
  /** Wraps a chain that contains `?.`; a short-circuit anywhere inside yields `undefined`. */
  | { type: 'Chain'; expression: Node; pos: number }
  | { type: 'Unary'; operator: UnaryOperator; argument: Node; pos: number }
  | { type: 'Binary'; operator: BinaryOperator; left: Node; right: Node; pos: number }
  | { type: 'Logical'; operator: '&&' | '||' | '??'; left: Node; right: Node; pos: number }
  | { type: 'Conditional'; test: Node; consequent: Node; alternate: Node; pos: number }
  | { type: 'Arrow'; params: string[]; body: Node; pos: number };

export type Element = Node | { type: 'Spread'; argument: Node; pos: number };

export type Property =
  | { kind: 'init'; key: string | Node; value: Node; pos: number }
  | { kind: 'spread'; argument: Node; pos: number };

export type UnaryOperator = '!' | '-' | '+' | '~' | 'typeof' | 'void';

export type BinaryOperator =
  | '+' | '-' | '*' | '/' | '%' | '**'
  | '==' | '!=' | '===' | '!=='
  | '<' | '>' | '<=' | '>='
  | '&' | '|' | '^' | '<<' | '>>' | '>>>'
  | 'in';
