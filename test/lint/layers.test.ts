// The linter enforces the rooms' layers (eslint.config.js): a room importing one above it is an
// error, an import downwards is not, and the real tree passes. Linted through ESLint's own API.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint();

/** The layer errors ESLint reports for `code` as if it were the file at `path`. */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layers the linter enforces', () => {
  const upwards: [string, string, RegExp][] = [
    [
      'src/main/engine/probe.ts',
      "import { METHODS } from '../methods/registry';\nvoid METHODS;\n",
      /engine\/ sits below methods\//,
    ],
    [
      'src/main/engine/networks/probe.ts',
      "import { runTransfer } from '../../transfer/run-transfer';\nvoid runTransfer;\n",
      /engine\/ sits below transfer\//,
    ],
    [
      'src/main/models/probe.ts',
      "import { optimise } from '../engine/optimise';\nvoid optimise;\n",
      /models\/ sits below engine\//,
    ],
    [
      'src/main/jobs/probe.ts',
      "import { runTransfer } from '../transfer/run-transfer';\nvoid runTransfer;\n",
      /jobs\/ sits below transfer\//,
    ],
    [
      'src/main/methods/cnn/probe.ts',
      "import { planWindows } from '../../transfer/windows';\nvoid planWindows;\n",
      /methods\/ sits below transfer\//,
    ],
    [
      'src/shared/probe.ts',
      "import { stft } from '../main/dsp';\nvoid stft;\n",
      /imports nothing of main/,
    ],
    [
      'src/renderer/src/probe.ts',
      "import { stft } from '../../main/dsp';\nvoid stft;\n",
      /only through window.timbrefold/,
    ],
  ];
  for (const [path, code, message] of upwards)
    test(`${path}: ${code.split('\n')[0]} is refused`, async () => {
      const errors = await layerErrors(path, code);
      assert.ok(
        errors.some((e) => message.test(e)),
        `expected ${String(message)}, got ${JSON.stringify(errors)}`,
      );
    });

  test('imports downwards and of src/shared are allowed', async () => {
    assert.deepEqual(
      await layerErrors(
        'src/main/methods/cnn/probe.ts',
        "import { optimise } from '../../engine/optimise';\nimport type { TransferRequest } from '../../../shared/transfer';\nexport type T = TransferRequest;\nvoid optimise;\n",
      ),
      [],
    );
    assert.deepEqual(
      await layerErrors(
        'src/main/transfer/probe.ts',
        "import { METHODS } from '../methods/registry';\nvoid METHODS;\n",
      ),
      [],
    );
  });
});
