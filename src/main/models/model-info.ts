// A listed model as the page shows it: what it tells apart, how well, and whether it may be
// deleted. Damaged models are listed too, with the reason, so the user can remove them.
import type { ModelInfo } from '../../shared/ipc-models';
import type { ListedModel } from './model-cache';

export function modelInfo(model: ListedModel): ModelInfo {
  if (model.status === 'damaged')
    return {
      name: model.name,
      shipped: model.shipped,
      status: 'damaged',
      problem: model.problem,
      kind: null,
      architecture: null,
      classes: [],
      heldOutAccuracy: null,
      heldOutClips: 0,
      createdAt: null,
      bytes: 0,
    };
  const { manifest } = model;
  if (manifest.kind === 'generator')
    return {
      name: model.name,
      shipped: model.shipped,
      status: 'ok',
      problem: null,
      kind: 'generator',
      style: manifest.style.name,
      // Not a classifier: no architecture, so the trained-CNN method never offers it.
      architecture: null,
      classes: [],
      heldOutAccuracy: null,
      heldOutClips: manifest.loss.heldOutClips,
      createdAt: manifest.createdAt,
      bytes: model.bytes,
    };
  if (manifest.kind === 'cyclegan')
    return {
      name: model.name,
      shipped: model.shipped,
      status: 'ok',
      problem: null,
      kind: 'cyclegan',
      architecture: null,
      classes: [...manifest.classes],
      heldOutAccuracy: null,
      heldOutClips: manifest.heldOutClips[0] + manifest.heldOutClips[1],
      createdAt: manifest.createdAt,
      bytes: model.bytes,
    };
  return {
    name: model.name,
    shipped: model.shipped,
    status: 'ok',
    problem: null,
    kind: 'classifier',
    architecture: manifest.architecture,
    classes: manifest.classes,
    heldOutAccuracy: manifest.accuracy.heldOut,
    heldOutClips: manifest.accuracy.heldOutClips,
    createdAt: manifest.createdAt,
    bytes: model.bytes,
  };
}
