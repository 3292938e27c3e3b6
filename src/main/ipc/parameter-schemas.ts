// zod schemas derived from parameter declarations: the IPC checks a setting by the same range the
// engine, the CLI and the panel use, declared once in the method's folder.
import { z } from 'zod';
import type { ParameterDeclaration } from '../../shared/parameters';

/** One declared setting's schema. */
export function parameterSchema(d: ParameterDeclaration): z.ZodType {
  switch (d.kind) {
    case 'number': {
      const n = z.number();
      return (d.minExclusive ? n.gt(d.min) : n.min(d.min)).max(d.max);
    }
    case 'integer': {
      const n = z.int().min(d.min).max(d.max);
      return d.powerOfTwo
        ? n.refine((v) => (v & (v - 1)) === 0, { message: 'must be a power of two' })
        : n;
    }
    case 'choice':
      return z.enum(d.choices as [string, ...string[]]);
    case 'text':
      return z.string().trim().min(1).max(d.maxLength);
    case 'names':
      return z.array(z.string().trim().min(1).max(200)).min(1).max(d.maxItems);
    case 'weights':
      return z.array(z.number().min(d.min).max(d.max)).max(d.maxItems);
  }
}

/** Overrides of a method's settings: any of its declared settings, nothing else. */
export function settingsSchema(declarations: readonly ParameterDeclaration[]) {
  return z
    .strictObject(Object.fromEntries(declarations.map((d) => [d.name, parameterSchema(d)])))
    .partial();
}
