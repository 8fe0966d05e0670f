import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering rules are only worth something if they fire: lint snippets as if they lived in each folder.
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('runtime layering enforced by lint', () => {
  it('forbids Node, Electron and UI imports in src/shared', async () => {
    for (const code of ["import fs from 'node:fs';", "import { app } from 'electron';", "import path from 'path';", "import React from 'react';"]) {
      expect(await ruleIds(`${code}\nexport const x = 1;\n`, 'src/shared/domain/example.ts'), code).toContain('no-restricted-imports');
    }
  });

  it('forbids Node and Electron imports in the renderer', async () => {
    for (const code of ["import fs from 'fs';", "import { ipcRenderer } from 'electron';", "import { CaseStore } from '../../main/store/case-store';"]) {
      expect(await ruleIds(`${code}\nexport const x = 1;\n`, 'src/renderer/features/example.ts'), code).toContain('no-restricted-imports');
    }
  });

  it('keeps electron out of the plain-Node services', async () => {
    expect(await ruleIds("import { app } from 'electron';\nexport const x = app;\n", 'src/main/services/example.ts')).toContain('no-restricted-imports');
  });

  it('forbids any and dangerouslySetInnerHTML', async () => {
    expect(await ruleIds('export const x: any = 1;\n', 'src/shared/example.ts')).toContain('@typescript-eslint/no-explicit-any');
    expect(await ruleIds('export const el = <div dangerouslySetInnerHTML={{ __html: "x" }} />;\n', 'src/renderer/example.tsx')).toContain('no-restricted-syntax');
  });

  it('allows what each layer legitimately uses', async () => {
    expect(await ruleIds("import { z } from 'zod';\nexport const s = z.string();\n", 'src/shared/domain/example.ts')).toEqual([]);
    expect(await ruleIds("import { promises } from 'node:fs';\nexport const p = promises;\n", 'src/main/services/example.ts')).toEqual([]);
  });
});
