import { useEffect, useState } from 'react';
import type { ModelSummary } from '../../../../shared/api/ml.js';
import { engine } from '../../api/engine.js';

/**
 * The file size of each ready model, from its info (the list leaves it out): asked once per
 * model and kept, since a ready model's file never changes.
 */
export function useModelSizes(models: readonly ModelSummary[]): ReadonlyMap<string, number> {
  const [sizes, setSizes] = useState<ReadonlyMap<string, number>>(new Map());
  const missing = models.filter((model) => model.status === 'ready' && !sizes.has(model.id)).map((model) => model.id);
  const key = missing.join(',');
  useEffect(() => {
    if (key === '') return;
    let current = true;
    void Promise.allSettled(key.split(',').map((id) => engine.modelInfo(id))).then((answers) => {
      if (!current) return;
      const found = answers.flatMap((answer) => (answer.status === 'fulfilled' && answer.value.artifact ? [[answer.value.id, answer.value.artifact.bytes] as const] : []));
      if (found.length > 0) setSizes((before) => new Map([...before, ...found]));
    });
    return () => {
      current = false;
    };
  }, [key]);
  return sizes;
}
