// Collects validation problems while a model is transformed, each tied to the element it concerns,
// and renders them the way Zeebe's deployment rejection lists them.
import { FeelSyntaxError } from '../feel/feel';
import { readExpression, type Expression } from '../feel/expression';

export interface Problem {
  elementId: string;
  message: string;
}

export class ValidationReport {
  readonly problems: Problem[] = [];

  error(elementId: string, message: string): void {
    this.problems.push({ elementId, message });
  }

  /** Whether a problem was reported for the element (later checks skip its consequences). */
  has(elementId: string): boolean {
    return this.problems.some((p) => p.elementId === elementId);
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  /** Reads an attribute as an expression; a FEEL syntax error is recorded and null returned. */
  expression(
    elementId: string,
    attribute: string,
    raw: string | undefined,
    opts: { feelOnly?: boolean } = {},
  ): Expression | null {
    if (raw === undefined) return null;
    try {
      const expr = readExpression(raw);
      if (opts.feelOnly && expr.static) {
        this.error(
          elementId,
          `Expected ${attribute} to be a FEEL expression (starting with '='), but found static value '${raw}'`,
        );
        return null;
      }
      if (!expr.static && expr.feel.source.trim() === '') {
        this.error(elementId, `Expected ${attribute} to be a non-empty FEEL expression, but found '${raw}'`);
        return null;
      }
      return expr;
    } catch (e) {
      if (e instanceof FeelSyntaxError) {
        this.error(
          elementId,
          `failed to parse expression '${raw.trim().slice(1)}' of ${attribute}: ${e.message}`,
        );
        return null;
      }
      throw e;
    }
  }

  /** Zeebe's layout: one block per element, one `- ERROR:` line per problem. */
  format(resourceName: string): string {
    const byElement = new Map<string, string[]>();
    for (const p of this.problems) {
      const list = byElement.get(p.elementId) ?? [];
      list.push(p.message);
      byElement.set(p.elementId, list);
    }
    const blocks = [...byElement].map(
      ([id, messages]) => `- Element: ${id}\n${messages.map((m) => `    - ERROR: ${m}`).join('\n')}`,
    );
    return `'${resourceName}':\n${blocks.join('\n')}`;
  }
}
