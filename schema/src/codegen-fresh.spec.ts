import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../codegen.ts';

const schemaDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

describe('generated code', () => {
  it('is up to date with the GraphQL schema and operations (run `pnpm codegen` when this fails)', async () => {
    const outputs = await generate({ ...config, cwd: schemaDir, silent: true }, false);
    expect(outputs.length).toBe(Object.keys(config.generates).length);
    for (const output of outputs) {
      const onDisk = readFileSync(resolve(schemaDir, output.filename), 'utf8');
      expect(onDisk, `${output.filename} is stale`).toBe(output.content);
    }
  }, 30_000);
});
