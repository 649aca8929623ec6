import { useMemo } from 'react';
import type { KObject } from '../../engine/api/object';
import { objectYaml } from './inspect';

/** The live object as `kubectl get -o yaml` prints it, status included. Text, never HTML. */
export function YamlTab({ obj }: { obj: KObject }) {
  const text = useMemo(() => objectYaml(obj), [obj]);
  return (
    <pre className="insp-pre" data-testid="inspector-yaml">
      {text}
    </pre>
  );
}
