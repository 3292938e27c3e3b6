// The transfer panel's tooltips are the declarations' docs: every setting the panel shows says
// what it does to the sound, without the papers' vocabulary, and the weights and iterations say
// what they trade (issue 13).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { METHODS } from '../../src/main/methods/registry';
import { KEEP_PITCH_PRESET } from '../../src/shared/parameters';

const JARGON = /\b(gram|activations?|log-magnitude|gradient|l-bfgs|loss|optimi[sz]ation)\b/i;

describe('panel docs', () => {
  test('every panel setting of every method has a producer’s doc', () => {
    for (const method of METHODS)
      for (const d of method.parameters.filter((p) => p.panel)) {
        assert.ok(d.doc.length >= 40, `${method.name}.${d.name}: "${d.doc}" says too little`);
        assert.doesNotMatch(d.doc, JARGON, `${method.name}.${d.name}`);
      }
  });

  test('alpha, beta and iterations say what they trade', () => {
    const shallow = METHODS.find((m) => m.name === 'shallow')!;
    const doc = (name: string): string => shallow.parameters.find((p) => p.name === name)!.doc;
    assert.match(doc('contentWeight'), /melody/);
    assert.match(doc('styleWeight'), /balance with alpha/);
    assert.match(doc('iterations'), /\d(\.\d)? s per 10 s/);
  });

  test('the shallow method offers the timbre-only preset the warning names', () => {
    const shallow = METHODS.find((m) => m.name === 'shallow')!;
    const preset = shallow.presets.find((p) => p.name === KEEP_PITCH_PRESET);
    assert.ok(preset, 'the shallow method has a timbre-only preset');
    assert.equal(preset.label, 'Timbre only, keep pitch');
  });
});
