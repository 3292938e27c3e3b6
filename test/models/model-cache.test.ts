import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../src/main/engine/backend';
import {
  ModelDamagedError,
  ModelExistsError,
  ModelNameError,
  ModelNotFoundError,
  ModelReadOnlyError,
} from '../../src/main/models/errors';
import { exportModel, importModel } from '../../src/main/models/model-bundle';
import { ModelCache } from '../../src/main/models/model-cache';
import { loadClassifier } from '../../src/main/methods/cnn/classifier';
import { draftFor, tinyNetwork } from './fixtures';

const fresh = () => mkdtempSync(join(tmpdir(), 'timbrefold-models-'));

async function saved(cache: ModelCache, name: string, seed = 1) {
  const network = tinyNetwork(seed);
  try {
    return await cache.save(draftFor(name), network.namedWeights());
  } finally {
    network.dispose();
  }
}

/** Sum of |w| over every weight: a fingerprint of the values. */
function weightSum(weights: tf.NamedTensorMap): number {
  return Object.values(weights).reduce((s, t) => s + tf.sum(tf.abs(t)).dataSync()[0]!, 0);
}

describe('the model cache', () => {
  before(async () => {
    await initBackend({ backend: 'cpu' });
  });

  test('a saved model loads back with the same weights and a manifest naming its hash', async () => {
    const cache = new ModelCache({ dir: fresh() });
    const network = tinyNetwork(7);
    const original = weightSum(network.namedWeights());
    const manifest = await cache.save(draftFor('flutes'), network.namedWeights());
    network.dispose();
    assert.match(manifest.weights.sha256, /^[0-9a-f]{64}$/);
    assert.equal(manifest.format, 'timbrefold-model');
    const loaded = await loadClassifier(cache, 'flutes');
    assert.deepEqual(loaded.manifest.classes, ['flute', 'keyboard']);
    assert.ok(Math.abs(weightSum(loaded.network.namedWeights()) - original) < 1e-3);
    loaded.network.dispose();
    // Nothing but the model folder is left behind (no temporary folders).
    assert.deepEqual(readdirSync(cache.dir), ['flutes']);
  });

  test('lists models, the shipped ones too, and hides a shipped model behind a user model of its name', async () => {
    const shippedDir = fresh();
    const shipped = new ModelCache({ dir: shippedDir });
    await saved(shipped, 'demo');
    await saved(shipped, 'both');
    const cache = new ModelCache({ dir: fresh(), shipped: [shippedDir] });
    await saved(cache, 'mine');
    await saved(cache, 'both', 2);
    const list = await cache.list();
    assert.deepEqual(
      list.map((m) => [m.name, m.shipped, m.status]),
      [
        ['both', false, 'ok'],
        ['demo', true, 'ok'],
        ['mine', false, 'ok'],
      ],
    );
    await assert.rejects(cache.delete('demo'), ModelReadOnlyError);
  });

  test('a model whose weights changed by one byte is reported as damaged and never loaded', async () => {
    const cache = new ModelCache({ dir: fresh() });
    await saved(cache, 'tampered');
    const weights = join(cache.dir, 'tampered', 'weights.bin');
    const bytes = readFileSync(weights);
    bytes[100] = bytes[100]! ^ 0xff;
    writeFileSync(weights, bytes);
    await assert.rejects(cache.load('tampered'), (error: unknown) => {
      assert.ok(error instanceof ModelDamagedError);
      assert.match(error.message, /tampered.*damaged.*SHA-256/);
      return true;
    });
    const [entry] = await cache.list();
    assert.equal(entry?.status, 'damaged');
  });

  test('a missing weights file or a broken manifest is damage, named as such', async () => {
    const cache = new ModelCache({ dir: fresh() });
    await saved(cache, 'no-weights');
    await saved(cache, 'bad-json');
    await saved(cache, 'bad-field');
    rmSync(join(cache.dir, 'no-weights', 'weights.bin'));
    writeFileSync(join(cache.dir, 'bad-json', 'manifest.json'), '{ "format": ');
    const manifestPath = join(cache.dir, 'bad-field', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { classes: string[] };
    manifest.classes = ['only-one'];
    writeFileSync(manifestPath, JSON.stringify(manifest));
    await assert.rejects(cache.load('no-weights'), /weights\.bin cannot be read/);
    await assert.rejects(cache.load('bad-json'), /not valid JSON/);
    await assert.rejects(cache.load('bad-field'), /classes/);
  });

  test('saving over an existing model needs replace; the old model stays whole until then', async () => {
    const cache = new ModelCache({ dir: fresh() });
    const first = await saved(cache, 'keep', 1);
    const network = tinyNetwork(2);
    await assert.rejects(cache.save(draftFor('keep'), network.namedWeights()), ModelExistsError);
    assert.equal((await cache.load('keep')).manifest.weights.sha256, first.weights.sha256);
    const second = await cache.save(draftFor('keep'), network.namedWeights(), { replace: true });
    network.dispose();
    assert.notEqual(second.weights.sha256, first.weights.sha256);
    assert.equal((await cache.load('keep')).manifest.weights.sha256, second.weights.sha256);
    assert.deepEqual(readdirSync(cache.dir), ['keep']);
  });

  test('what killed writes left is tidied on the first listing: a replaced model whose new folder never arrived comes back', async () => {
    const dir = fresh();
    const cache = new ModelCache({ dir });
    await saved(cache, 'kept');
    await saved(cache, 'replaced');
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    // As a process killed between the two renames of a replace leaves it: the old folder renamed
    // away, the new one still a temporary; and as one killed mid-write or mid-delete leaves them.
    renameSync(join(dir, 'replaced'), join(dir, `.replaced.${dead}-0123abcd.old`));
    mkdirSync(join(dir, `.replaced.${dead}-0123abcd.tmp`));
    mkdirSync(join(dir, `.half.${dead}-89abcdef.tmp`));
    cpSync(join(dir, 'kept'), join(dir, `.gone.${dead}-01234567.deleted`), { recursive: true });
    // A write of this process still going on, and a user's own hidden folder: both stay.
    mkdirSync(join(dir, `.writing.${process.pid}-76543210.tmp`));
    mkdirSync(join(dir, '.my-notes.tmp'));
    const names = (await cache.list()).map((m) => `${m.name} ${m.status}`);
    assert.deepEqual(names, ['kept ok', 'replaced ok']);
    assert.deepEqual(readdirSync(dir).sort(), [
      '.my-notes.tmp',
      `.writing.${process.pid}-76543210.tmp`,
      'kept',
      'replaced',
    ]);
  });

  test('delete removes a model; unknown and unsafe names get clear errors', async () => {
    const cache = new ModelCache({ dir: fresh() });
    await saved(cache, 'gone');
    await cache.delete('gone');
    assert.equal(existsSync(join(cache.dir, 'gone')), false);
    await assert.rejects(cache.load('gone'), ModelNotFoundError);
    for (const bad of ['../escape', '', 'a/b', '.hidden', 'x'.repeat(65)])
      await assert.rejects(cache.load(bad), ModelNameError, `name ${JSON.stringify(bad)}`);
  });

  test('export and import move a model as one file; a damaged file is refused before anything is written', async () => {
    const source = new ModelCache({ dir: fresh() });
    const original = await saved(source, 'travel');
    const file = join(fresh(), 'travel.tfmodel');
    await exportModel(source, 'travel', file);
    const target = new ModelCache({ dir: fresh() });
    const imported = await importModel(target, file, { name: 'arrived' });
    assert.equal(imported.name, 'arrived');
    assert.equal(imported.weights.sha256, original.weights.sha256);
    (await loadClassifier(target, 'arrived')).network.dispose();
    await assert.rejects(importModel(target, file, { name: 'arrived' }), ModelExistsError);

    const bytes = readFileSync(file);
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0x01;
    const damaged = join(fresh(), 'damaged.tfmodel');
    writeFileSync(damaged, bytes);
    await assert.rejects(importModel(target, damaged, { name: 'broken' }), /SHA-256/);
    const garbage = join(fresh(), 'garbage.tfmodel');
    writeFileSync(garbage, 'not a model at all');
    await assert.rejects(importModel(target, garbage), /not a Timbrefold model export/);
    await assert.rejects(importModel(target, join(fresh(), 'missing.tfmodel')), /does not exist/);
    assert.deepEqual(
      (await target.list()).map((m) => m.name),
      ['arrived'],
    );
  });
});
