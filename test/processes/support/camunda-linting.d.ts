// Type declarations for @camunda/linting (the Camunda Modeler's linter), which ships none.
declare module '@camunda/linting' {
  export interface LintReport {
    id: string;
    message: string;
    rule: string;
    category: 'error' | 'warn' | 'info' | 'rule-error';
    executionPlatform: string;
    executionPlatformVersion: string;
  }
  export class Linter {
    constructor(options?: { modeler?: 'desktop' | 'web'; type?: 'cloud' | 'platform' });
    lint(contents: string | object): Promise<LintReport[]>;
  }
}
